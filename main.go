// Command crieur is the editorial desk of a city's WhatsApp Channel: with no
// command it opens the desk in the terminal; its commands work on the same
// data file for scripts and cron: list, import and export the posts, print
// a post's phone preview and checks, send the posts that are due, link the
// desk to WhatsApp and choose the channel, back up the file, show the
// versions.
//
// The program wires the packages together: the settings (settings), the
// data file (store), the outgoing message (message), the back-ends
// (sender) and the desk (ui). It alone sets process-wide policy, such as
// the collector's pace once the desk's backlog is loaded.
package main

import (
	"os"
	"runtime/debug"
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

// settleMemory is the program's memory policy once the desk's backlog is
// loaded and on screen. From then on the backlog is most of the heap and
// lives as long as the desk. Go's default lets the heap grow to twice what
// is live before it collects: with 100,000 posts, some thirty megabytes of
// garbage kept resident after a few minutes of filtering, when what a key
// press allocates needs far less room. And the memory that reading the
// backlog used and no longer needs (the decoded records, the transaction's
// buffers) goes back to the system now: the collector would keep those
// pages for a while, and the desk stays open all day. So do the pages of
// the program's own code and data that starting it read once.
func settleMemory() {
	debug.SetGCPercent(gcPercentLoaded)
	debug.FreeOSMemory()
	releaseProgramPages()
}

// tidyMemory gives back the memory a filter used, once it is done with:
// each keystroke matched the query against the keys of every post and
// drew the list again. With 100,000 posts the heap grows by a few
// megabytes, which the collector frees but keeps resident.
func tidyMemory() { debug.FreeOSMemory() }

// gcPercentLoaded is the garbage the desk lets grow, as a percentage of
// the live heap, once the backlog is loaded (GOGC; Go's default is 100).
const gcPercentLoaded = 20
