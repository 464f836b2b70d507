package ui

import (
	"fmt"
	"reflect"
	"runtime/debug"
	"sync"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Crash is what the desk knew when it stopped on an error of its own (a
// panic): where it was, what the error said, the stack of the goroutine
// that failed, and the last screen it drew, as plain text. Run returns it
// as its error once the terminal is restored; the program writes it down
// beside the data file and says where in one line.
type Crash struct {
	Where  string // "update", "view", "init" or "command"
	Value  string // the panic's value
	Stack  string
	Screen string // the last frame drawn, without colours
}

func (c *Crash) Error() string {
	return fmt.Sprintf("the desk stopped on an internal error (%s): %s", c.Where, c.Value)
}

// guard wraps the desk so that no panic escapes it: one in Init, Update,
// View or any command the desk returns is caught where it happens, and the
// program ends as when the person quits, so that Bubble Tea restores the
// terminal. The store's transactions roll back on their own when a panic
// crosses them, so the data file stays as it was.
type guard struct {
	desk  tea.Model
	state *guardState
	// faults, in the end-to-end tests' build only, make the desk fail on
	// purpose.
	faults *faults
}

// guardState is shared by every copy of the guard: the crash, once there
// is one, and the last frame drawn.
type guardState struct {
	mu    sync.Mutex
	crash *Crash
	last  tea.View
	quit  func() // ends the program from outside its loop (a View that failed)
}

// crashMsg carries a panic caught in a command back to the desk's loop.
type crashMsg struct{ crash *Crash }

func newGuard(desk tea.Model) guard {
	return guard{desk: desk, state: &guardState{}, faults: newFaults()}
}

// crashed is the crash, or nil while the desk runs well.
func (g guard) crashed() *Crash {
	g.state.mu.Lock()
	defer g.state.mu.Unlock()
	return g.state.crash
}

// record keeps the first crash; a second is its consequence.
func (g guard) record(where string, value any, stack []byte) *Crash {
	g.state.mu.Lock()
	defer g.state.mu.Unlock()
	if g.state.crash == nil {
		g.state.crash = &Crash{Where: where, Value: fmt.Sprint(value), Stack: string(stack), Screen: plainScreen(g.state.last.Content)}
	}
	return g.state.crash
}

func (g guard) Init() (cmd tea.Cmd) {
	defer func() {
		if r := recover(); r != nil {
			g.record("init", r, debug.Stack())
			cmd = tea.Quit
		}
	}()
	return g.wrap(g.desk.Init())
}

func (g guard) Update(msg tea.Msg) (model tea.Model, cmd tea.Cmd) {
	if c, ok := msg.(crashMsg); ok {
		g.state.mu.Lock()
		if g.state.crash == nil {
			c.crash.Screen = plainScreen(g.state.last.Content)
			g.state.crash = c.crash
		}
		g.state.mu.Unlock()
	}
	if g.crashed() != nil {
		return g, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			g.record("update", r, debug.Stack())
			model, cmd = g, tea.Quit
		}
	}()
	if cmd, ok := g.faults.onMsg(msg); ok {
		return g, g.wrap(cmd)
	}
	desk, cmd := g.desk.Update(msg)
	g.desk = desk
	return g, g.wrap(cmd)
}

func (g guard) View() (v tea.View) {
	if g.crashed() != nil {
		g.state.mu.Lock()
		defer g.state.mu.Unlock()
		return g.state.last
	}
	defer func() {
		if r := recover(); r != nil {
			g.record("view", r, debug.Stack())
			g.state.mu.Lock()
			var quit func()
			v, quit = g.state.last, g.state.quit
			g.state.mu.Unlock()
			if quit != nil {
				// View runs in the program's loop, which Quit would wait
				// for.
				go quit()
			}
		}
	}()
	g.faults.onView()
	v = g.desk.View()
	g.state.mu.Lock()
	g.state.last = v
	g.state.mu.Unlock()
	return v
}

// wrap makes a command of the desk report a panic as a crashMsg rather
// than take the program down, and does the same for the commands of a
// batch or a sequence it returns.
func (g guard) wrap(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = crashMsg{&Crash{Where: "command", Value: fmt.Sprint(r), Stack: string(debug.Stack())}}
			}
		}()
		msg = cmd()
		if batch, ok := msg.(tea.BatchMsg); ok {
			wrapped := make(tea.BatchMsg, len(batch))
			for i, c := range batch {
				wrapped[i] = g.wrap(c)
			}
			return wrapped
		}
		return g.wrapSequence(msg)
	}
}

// cmdType is the type of a command, the element of a batch or a sequence.
var cmdType = reflect.TypeFor[tea.Cmd]()

// wrapSequence wraps the commands of a sequence (tea.Sequence), whose
// message type Bubble Tea keeps to itself: a slice of commands of another
// name than BatchMsg. Any other message is returned as it is.
func (g guard) wrapSequence(msg tea.Msg) tea.Msg {
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != cmdType {
		return msg
	}
	wrapped := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	for i := range v.Len() {
		c, _ := v.Index(i).Interface().(tea.Cmd)
		wrapped.Index(i).Set(reflect.ValueOf(g.wrap(c)))
	}
	return wrapped.Interface()
}

// plainScreen is a frame as text, without its colours and styles.
func plainScreen(frame string) string {
	return ansi.Strip(frame)
}
