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
	// defaultNo: enter answers no. The question says so, "(o/N)": what
	// would send a post at an unexpected time asks this way.
	defaultNo bool
	yes, no   answer
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
	case c.defaultNo && key.Matches(k, keys.Default):
		return answer{}, true
	}
	return answer{}, false
}

// View draws the question, wrapped: it is read whole, however narrow the
// terminal, with its answers at the end.
func (c *confirm) View(d *desk, w int) string {
	return wrapStyled(visible(c.question), w, d.styles.Confirm.Render)
}

// wrapStyled wraps text at word boundaries to w cells (cutting a word
// longer than a line) and styles each line.
func wrapStyled(text string, w int, style func(...string) string) string {
	lines := splitLines(ansi.Wrap(text, max(w, 1), ""))
	for i, l := range lines {
		lines[i] = style(strings.TrimRight(l, " "))
	}
	return strings.Join(lines, "\n")
}
