package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// confirm is a question on the footer line that must be answered before
// anything else happens: yes, no, or (esc) neither.
type confirm struct {
	question string
	// threeWay questions distinguish "no" (do the other thing) from esc
	// (do nothing); two-way ones treat both as "no, do nothing".
	threeWay bool
	yes, no  answer
}

// answer is what the desk does on a reply: a request it routes at once,
// and a command it runs.
type answer struct {
	now tea.Msg
	run tea.Cmd
}

// reply reads a key as the answer to the question: ok is false while the
// key is no answer at all.
func (c *confirm) reply(keys confirmKeys, k tea.KeyPressMsg) (a answer, ok bool) {
	switch {
	case key.Matches(k, keys.Yes):
		return c.yes, true
	case key.Matches(k, keys.No):
		if c.threeWay {
			return c.no, true
		}
		return answer{}, true
	case key.Matches(k, keys.Cancel):
		return answer{}, true
	}
	return answer{}, false
}

// View draws the question; the answers at its end must stay visible: the
// question is cut before them, not them.
func (c *confirm) View(d *desk, w int) string {
	q, answers := c.question, ""
	if i := strings.LastIndex(q, " ("); i > 0 && cells(q) > w {
		q, answers = q[:i], q[i:]
	}
	q = ansi.Truncate(q, max(w-cells(answers), 1), "…")
	return ansi.Truncate(d.styles.Confirm.Render(q+answers), w, "")
}
