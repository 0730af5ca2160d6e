/** The {@code wasmlet} command line: one thin command class per noun, one error handler. */
package dev.wasmlet.cli;
