// Command crieur is the editorial desk of a city's WhatsApp Channel: with no
// command it opens the desk in the terminal; its commands list, import,
// export and back up the same data file for scripts and cron.
package main

import (
	"os"
	"time"

	// Time zones from the settings must load on machines without a zone
	// database (minimal containers, Windows).
	_ "time/tzdata"
)

func main() {
	c := &cli{
		stdin:  os.Stdin,
		stdout: os.Stdout,
		stderr: os.Stderr,
		getenv: os.Getenv,
		now:    time.Now,
	}
	os.Exit(c.run(os.Args[1:]))
}
