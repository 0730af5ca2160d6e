//go:build tools

// Keeps the three commands' main packages in this module's import graph, so `go mod tidy` keeps
// their requirements; each is built with `go build k8s.io/kubernetes/cmd/NAME`.
package tools

import (
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kubectl"
)
