package ui

import (
	"reflect"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
)

// failing is a model that panics where it is told to, once it gets
// failNow.
type failing struct {
	in string // "init", "update", "view", "command", "batch", "sequence"
}

type failNow struct{}

func (f failing) boom() tea.Msg { panic("boom in " + f.in) }

func (f failing) Init() tea.Cmd {
	if f.in == "init" {
		panic("boom in init")
	}
	return nil
}

func (f failing) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(failNow); !ok {
		return f, nil
	}
	nothing := func() tea.Msg { return nil }
	switch f.in {
	case "update":
		panic("boom in update")
	case "view":
		f.in = "failing view"
	case "command":
		return f, f.boom
	case "batch":
		return f, tea.Batch(nothing, f.boom)
	case "sequence":
		return f, tea.Sequence(nothing, f.boom)
	}
	return f, nil
}

func (f failing) View() tea.View {
	if f.in == "failing view" {
		panic("boom in view")
	}
	return tea.NewView("\x1b[1mthe screen\x1b[0m")
}

// messages plays a command out as Bubble Tea does, batches and sequences
// included, and returns the messages it ends with.
func messages(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmd()
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return []tea.Msg{msg}
	}
	var out []tea.Msg
	for i := range v.Len() {
		out = append(out, messages(v.Index(i).Interface().(tea.Cmd))...)
	}
	return out
}

func quits(cmd tea.Cmd) bool {
	for _, msg := range messages(cmd) {
		if _, ok := msg.(tea.QuitMsg); ok {
			return true
		}
	}
	return false
}

func TestGuardCatchesEveryPanic(t *testing.T) {
	for _, in := range []string{"init", "update", "view", "command", "batch", "sequence"} {
		t.Run(in, func(t *testing.T) {
			g := newGuard(failing{in: in})
			quit := make(chan struct{}, 1)
			g.state.quit = func() { quit <- struct{}{} }
			var model tea.Model = g
			cmd := model.Init()
			if in != "init" {
				model.View()
				model, cmd = model.Update(failNow{})
			}
			switch in {
			case "init", "update":
				if !quits(cmd) {
					t.Error("the desk does not quit after the panic")
				}
			case "view":
				if v := model.View(); !strings.Contains(v.Content, "the screen") {
					t.Errorf("a failing View gives %q, want the last frame", v.Content)
				}
				select {
				case <-quit:
				case <-time.After(10 * time.Second):
					t.Error("the desk does not quit after a panic in View")
				}
			default:
				// The panic comes back from the command as a message,
				// which stops the desk.
				stopped := false
				for _, msg := range messages(cmd) {
					if _, ok := msg.(crashMsg); ok {
						var next tea.Cmd
						model, next = model.Update(msg)
						stopped = quits(next)
					}
				}
				if !stopped {
					t.Error("the panic in a command does not stop the desk")
				}
			}
			c := g.crashed()
			if c == nil {
				t.Fatal("no crash recorded")
			}
			if !strings.Contains(c.Value, "boom in") || !strings.Contains(c.Stack, "goroutine ") || c.Where == "" {
				t.Errorf("the crash is %+v", c)
			}
			if in != "init" && !strings.Contains(c.Screen, "the screen") {
				t.Errorf("the crash's screen is %q, want the last frame", c.Screen)
			}
			if strings.Contains(c.Screen, "\x1b") {
				t.Errorf("the crash's screen keeps its escapes: %q", c.Screen)
			}
			if _, cmd := model.Update(tea.KeyPressMsg{Code: 'j', Text: "j"}); !quits(cmd) {
				t.Error("after a crash a key press does not quit")
			}
		})
	}
}

// A desk that runs well goes through the guard unchanged: its commands'
// messages, batches and sequences included, come back as they were.
func TestGuardPassesMessagesThrough(t *testing.T) {
	type ping struct{ n int }
	g := newGuard(failing{})
	cmd := g.wrap(tea.Batch(func() tea.Msg { return ping{1} }, tea.Sequence(func() tea.Msg { return ping{2} }, func() tea.Msg { return ping{3} })))
	got := messages(cmd)
	if len(got) != 3 || got[0] != (ping{1}) || got[1] != (ping{2}) || got[2] != (ping{3}) {
		t.Errorf("messages %v, want pings 1 2 3", got)
	}
	if g.crashed() != nil {
		t.Error("a crash recorded with no panic")
	}
}
