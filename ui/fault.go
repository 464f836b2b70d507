//go:build crieurfault

package ui

import (
	"os"
	"strings"
	"sync/atomic"
	"time"

	tea "charm.land/bubbletea/v2"
)

// faults, in builds with the crieurfault tag (the end-to-end tests'
// binary), make the desk fail on purpose, so that the tests see what a
// person sees when it does: CRIEUR_FAULT=update:KEY panics in Update on
// that key, view:KEY in the View that follows it, command:KEY in a
// command that key returns.
type faults struct {
	where, trigger string
	armed          atomic.Bool // the next View panics
}

func newFaults() *faults {
	where, trigger, ok := strings.Cut(os.Getenv("CRIEUR_FAULT"), ":")
	if !ok {
		return nil
	}
	return &faults{where: where, trigger: trigger}
}

// onMsg fails, or returns a failing command, on the trigger key; ok says
// the message was the trigger and goes no further.
func (f *faults) onMsg(msg tea.Msg) (cmd tea.Cmd, ok bool) {
	if f == nil {
		return nil, false
	}
	if k, isKey := msg.(tea.KeyPressMsg); !isKey || k.String() != f.trigger {
		return nil, false
	}
	switch f.where {
	case "update":
		panic("fault injected in Update on " + f.trigger)
	case "command":
		return func() tea.Msg { panic("fault injected in a command on " + f.trigger) }, true
	case "view":
		f.armed.Store(true)
		return nil, true
	}
	return nil, false
}

func (f *faults) onView() {
	if f != nil && f.armed.Load() {
		panic("fault injected in View")
	}
}

// backlogDelay holds the whole backlog's reading back for a while with
// CRIEUR_FAULT=slowbacklog:DURATION, so that the tests see the desk as it
// is while a large backlog is read.
func backlogDelay() time.Duration {
	where, d, ok := strings.Cut(os.Getenv("CRIEUR_FAULT"), ":")
	if !ok || where != "slowbacklog" {
		return 0
	}
	delay, _ := time.ParseDuration(d)
	return delay
}
