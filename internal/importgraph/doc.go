// Package importgraph holds the test of the arrows between crieur's
// packages: which may import which, read from the build's own import
// graph (go list), so that a shortcut through the wrong package fails the
// tests rather than waiting to be noticed. It has no code of its own.
package importgraph
