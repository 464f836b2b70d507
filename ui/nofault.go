//go:build !crieurfault

package ui

import (
	"time"

	tea "charm.land/bubbletea/v2"
)

// faults make the desk fail on purpose in the end-to-end tests' binary
// (see fault.go); in every other build they do nothing.
type faults struct{}

func newFaults() *faults { return nil }

func (*faults) onMsg(tea.Msg) (tea.Cmd, bool) { return nil, false }

func (*faults) onView() {}

func backlogDelay() time.Duration { return 0 }
