// Command referrers-registry serves go-containerregistry's registry implementation with the OCI
// 1.1 referrers API switched on (crane's `registry serve` leaves it off), for Wasmlet's tests of
// referrers discovery; Debian's docker-registry (distribution 2.8) has no referrers API.
//
//	referrers-registry --address 127.0.0.1:PORT [--disk DIR]
//
// Loopback only: any other address is refused. Stop it with SIGTERM.
package main

import (
	"flag"
	"log"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/google/go-containerregistry/pkg/registry"
)

func main() {
	address := flag.String("address", "127.0.0.1:0", "loopback address to listen on")
	disk := flag.String("disk", "", "directory for blobs (default: memory)")
	flag.Parse()
	host, _, err := net.SplitHostPort(*address)
	if err != nil {
		log.Fatalf("referrers-registry: --address %q: %v", *address, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		log.Fatalf("referrers-registry: --address %q is not a loopback IP address", *address)
	}
	opts := []registry.Option{
		registry.WithReferrersSupport(true),
		registry.Logger(log.New(os.Stderr, "", log.LstdFlags)),
	}
	if *disk != "" {
		opts = append(opts, registry.WithBlobHandler(registry.NewDiskBlobHandler(*disk)))
	}
	listener, err := net.Listen("tcp", *address)
	if err != nil {
		log.Fatalf("referrers-registry: %v", err)
	}
	log.Printf("serving on %s", listener.Addr())
	server := &http.Server{Handler: registry.New(opts...), ReadHeaderTimeout: 5 * time.Second}
	log.Fatal(server.Serve(listener))
}
