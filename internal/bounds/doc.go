// Package bounds holds the test of the source's size bounds: no Go file
// of crieur over 700 lines, and the desk's root model (ui/model.go), which
// only routes, under 400. A file that grows past them fails the tests and
// is split along a seam rather than waiting to be noticed. It has no code
// of its own.
package bounds
