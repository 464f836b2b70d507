//go:build !crieurfault

package main

// fault makes a command fail on purpose in the end-to-end tests' binary
// (see fault.go); in every other build it does nothing.
func (c *cli) fault() {}
