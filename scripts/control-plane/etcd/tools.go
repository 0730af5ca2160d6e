//go:build tools

// Keeps the etcd main package in this module's import graph, so `go mod tidy` keeps its
// requirements; the binary is built with `go build go.etcd.io/etcd/server/v3`.
package tools

import (
	_ "go.etcd.io/etcd/server/v3"
)
