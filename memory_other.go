//go:build !linux

package main

// releaseProgramPages does nothing where the program's pages cannot be
// given back this way.
func releaseProgramPages() {}
