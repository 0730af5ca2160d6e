/**
 * A client of the server's admin API ({@code /api/v1}): contexts, packing and uploading apps, and
 * one typed call per endpoint.
 */
package dev.wasmlet.client;
