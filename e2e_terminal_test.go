package main

// The pseudo-terminal the end-to-end flows run the desk in: what the desk
// writes is replayed onto a virtual screen that answers its queries as a
// real terminal would, and keys are typed into it.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
)

// terminal is one run of the desk in a pseudo-terminal, with the virtual
// screen its output is replayed into.
type terminal struct {
	t   *testing.T
	cmd *exec.Cmd
	pty *os.File
	// tty is the desk's side, kept open here until the desk exits so that
	// press can see when the desk has read what was typed.
	tty *os.File

	mu     sync.Mutex // guards screen and output, fed by copyOutput
	screen *vt.Emulator
	output bytes.Buffer // every byte the desk wrote

	keys sync.Mutex // one write at a time into the terminal: keys and the screen's replies

	exited  chan struct{} // closed when the process has ended
	gone    chan struct{} // closed as soon as Wait returns, before exited
	waitErr error         // what Wait returned, once exited is closed
	copied  chan struct{} // closed when the desk's output is all on screen
}

// inTerminal starts cmd in a pseudo-terminal of cols×rows whose output is
// replayed onto a screen of screenCols×screenRows (larger, to see what is
// drawn past the terminal's edges), and answers the terminal's queries.
func inTerminal(t *testing.T, cmd *exec.Cmd, cols, rows, screenCols, screenRows int) *terminal {
	t.Helper()
	f, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pseudo-terminal: %v", err)
	}
	if err := pty.Setsize(f, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		t.Fatalf("size the pseudo-terminal: %v", err)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setsid, cmd.SysProcAttr.Setctty = true, true
	if err := cmd.Start(); err != nil {
		f.Close()
		tty.Close()
		t.Fatalf("start crieur in a terminal: %v", err)
	}
	term := &terminal{
		t:      t,
		cmd:    cmd,
		pty:    f,
		tty:    tty,
		screen: vt.NewEmulator(screenCols, screenRows),
		exited: make(chan struct{}),
		gone:   make(chan struct{}),
		copied: make(chan struct{}),
	}
	go term.copyOutput()
	go term.answerQueries()
	go func() {
		term.waitErr = cmd.Wait()
		close(term.gone)
		// The last of the desk's side closed, reading the terminal ends
		// (EIO) once the desk's output is all read.
		term.keys.Lock()
		term.tty.Close()
		term.keys.Unlock()
		close(term.exited)
	}()
	t.Cleanup(term.close)
	return term
}

// copyOutput replays what the desk writes onto the screen until the
// terminal closes, which on Linux is an EIO once the desk has exited.
func (term *terminal) copyOutput() {
	defer close(term.copied)
	buf := make([]byte, 32<<10)
	for {
		n, err := term.pty.Read(buf)
		if n > 0 {
			term.mu.Lock()
			term.screen.Write(buf[:n])
			term.output.Write(buf[:n])
			term.mu.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// answerQueries sends the screen's replies (background colour, modes,
// cursor position) back to the desk, as a real terminal would; a query
// left unanswered would also block the screen's next write.
func (term *terminal) answerQueries() {
	buf := make([]byte, 4<<10)
	for {
		n, err := term.screen.Read(buf)
		if n > 0 {
			term.keys.Lock()
			term.pty.Write(buf[:n]) // after the desk has gone, replies have nowhere to go
			term.keys.Unlock()
		}
		if err != nil {
			return
		}
	}
}

// close ends the desk if it still runs and releases the terminal.
func (term *terminal) close() {
	select {
	case <-term.exited:
	default:
		term.cmd.Process.Kill()
		<-term.exited
	}
	select {
	case <-term.copied:
	case <-time.After(exitTimeout):
	}
	term.pty.Close()
	// Closing the screen's reply pipe ends answerQueries. (Emulator.Close
	// would race with the Read in progress.)
	if replies, ok := term.screen.InputPipe().(io.Closer); ok {
		replies.Close()
	}
}

// press types keys: text as its UTF-8 bytes, special keys as the
// constants above. A lone esc is followed by a pause.
func (term *terminal) press(keys ...string) {
	term.t.Helper()
	for _, k := range keys {
		term.keys.Lock()
		_, err := term.pty.WriteString(k)
		if err == nil && k == keyEsc {
			// A key read together with a lone esc is alt+key: wait until the
			// desk has read the esc (however loaded the machine), then past
			// the time its reader gives an esc to become a sequence.
			term.awaitRead()
		}
		term.keys.Unlock()
		if err != nil {
			term.t.Fatalf("type %q: %v", k, err)
		}
		if k == keyEsc {
			time.Sleep(escPause)
		}
	}
}

// text is what the screen shows now, one line per row.
func (term *terminal) text() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.screen.String()
}

// written is everything the desk has written so far.
func (term *terminal) written() []byte {
	term.mu.Lock()
	defer term.mu.Unlock()
	return bytes.Clone(term.output.Bytes())
}

// waitFor polls the screen until ok accepts it and returns that screen.
// On timeout, or if the desk exits first, the test fails with the whole
// screen printed.
func (term *terminal) waitFor(what string, ok func(screen string) bool, timeout time.Duration) string {
	term.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		screen := term.text()
		if ok(screen) {
			return screen
		}
		select {
		case <-term.copied:
			// The desk has gone and its last output is on screen.
			if screen = term.text(); ok(screen) {
				return screen
			}
			term.t.Fatalf("crieur exited (%v) before the screen showed %s; the screen:\n%s", term.waitErr, what, framed(screen))
		default:
		}
		if time.Now().After(deadline) {
			term.t.Fatalf("after %v the screen still does not show %s; the screen:\n%s", timeout, what, framed(screen))
		}
		time.Sleep(25 * time.Millisecond)
	}
}

// waitScreen waits until the screen shows contains.
func (term *terminal) waitScreen(contains string, timeout time.Duration) string {
	term.t.Helper()
	return term.waitFor(fmt.Sprintf("%q", contains), func(s string) bool { return strings.Contains(s, contains) }, timeout)
}

// waitGone waits until the screen no longer shows text.
func (term *terminal) waitGone(text string, timeout time.Duration) string {
	term.t.Helper()
	return term.waitFor(fmt.Sprintf("%q gone", text), func(s string) bool { return !strings.Contains(s, text) }, timeout)
}

// waitExit waits for the desk to end and returns its exit code.
func (term *terminal) waitExit(timeout time.Duration) int {
	term.t.Helper()
	select {
	case <-term.exited:
	case <-time.After(timeout):
		term.t.Fatalf("crieur still runs %v after being asked to quit; the screen:\n%s", timeout, framed(term.text()))
	}
	var exit *exec.ExitError
	if errors.As(term.waitErr, &exit) {
		return exit.ExitCode()
	}
	if term.waitErr != nil {
		term.t.Fatalf("wait for crieur: %v", term.waitErr)
	}
	return 0
}

// crash kills the desk as a power cut or an OOM killer would: SIGKILL,
// no chance to save or to restore the terminal.
func (term *terminal) crash() {
	term.t.Helper()
	if err := term.cmd.Process.Kill(); err != nil {
		term.t.Fatalf("kill crieur: %v", err)
	}
	select {
	case <-term.exited:
	case <-time.After(exitTimeout):
		term.t.Fatalf("crieur survives SIGKILL for %v", exitTimeout)
	}
}

// resize changes the size of the screen and of the terminal, which sends
// the desk a SIGWINCH.
func (term *terminal) resize(cols, rows int) {
	term.t.Helper()
	term.mu.Lock()
	term.screen.Resize(cols, rows)
	term.mu.Unlock()
	if err := pty.Setsize(term.pty, &pty.Winsize{Cols: uint16(cols), Rows: uint16(rows)}); err != nil {
		term.t.Fatalf("resize the terminal to %dx%d: %v", cols, rows, err)
	}
}

// framed draws a screen between rules, so its blank rows and trailing
// spaces can be seen in a failure.
func framed(screen string) string {
	rule := strings.Repeat("─", termWidth)
	var b strings.Builder
	b.WriteString("┌" + rule + "\n")
	for _, line := range strings.Split(screen, "\n") {
		b.WriteString("│" + line + "\n")
	}
	b.WriteString("└" + rule)
	return b.String()
}

// rows is a screen split into its rows.
func rows(screen string) []string { return strings.Split(screen, "\n") }
