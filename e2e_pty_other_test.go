//go:build !linux

package main

// awaitRead has no way to see the terminal's input queue here; press's
// pause after an esc is all there is.
func (term *terminal) awaitRead() {}
