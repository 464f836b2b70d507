//go:build crieurfault

package main

// fault, in builds with the crieurfault tag (the end-to-end tests'
// binary), makes a command fail on purpose: CRIEUR_FAULT=command-line
// panics before the command runs. See ui/fault.go for the desk.
func (c *cli) fault() {
	if c.getenv != nil && c.getenv("CRIEUR_FAULT") == "command-line" {
		panic("fault injected in the command line")
	}
}
