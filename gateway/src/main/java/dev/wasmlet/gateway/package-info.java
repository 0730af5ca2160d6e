/**
 * The HTTP edge: serves a locked app over HTTP, routes requests to components, maps every failure
 * to a status and a request id in one place, and drains in-flight requests on shutdown.
 */
package dev.wasmlet.gateway;
