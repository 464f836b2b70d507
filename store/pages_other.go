//go:build !linux

package store

import bolt "go.etcd.io/bbolt"

// releasePages is a Linux measure: elsewhere the mapped pages stay as the
// system keeps them.
func releasePages(*bolt.Tx) {}
