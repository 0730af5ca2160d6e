package dev.wasmlet.component;

import java.util.List;
import java.util.Map;

/**
 * What a component is, resolved for running: its core modules, the steps that instantiate it, what
 * it imports (name to sort and type) and what it exports (name to sort and index).
 *
 * @param exportTypes the sort and type of each export
 * @param dtors the destructor's core function index for each of the component's own resources
 *     ({@code -1} for none)
 */
record ComponentPlan(
    List<byte[]> modules,
    List<Step> steps,
    Map<String, CType.Extern> imports,
    Map<String, Step.Item> exports,
    Map<String, CType.Extern> exportTypes,
    Map<String, Integer> dtors) {}
