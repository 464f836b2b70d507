package ui

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// helpScreen lists the keys of the screen it was opened from, as they
// applied then, drawn by bubbles' help; it scrolls, so every key can be
// read on a small terminal.
type helpScreen struct {
	from   screen
	keys   keyMap
	scroll listCursor
}

func newHelpScreen(from screen, keys keyMap) *helpScreen {
	return &helpScreen{from: from, keys: keys}
}

func (hs *helpScreen) keyMap(d *desk) keyMap { return d.keys.help }

// rows is how many lines of keys show: the screen less the title, a blank
// line and the footer.
func (hs *helpScreen) rows(d *desk) int { return max(d.height-3, 1) }

func (hs *helpScreen) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := d.keys.help
	if key.Matches(k, keys.Close) {
		return nil, closeMsg{}
	}
	hs.scroll.scrollKeyPress(k, keys.listKeys, len(hs.lines(d)), hs.rows(d))
	return nil, nil
}

// lines are the help's lines: each section's title, then its bindings
// drawn by bubbles' help; sections with no binding on are left out.
func (hs *helpScreen) lines(d *desk) []string {
	st := d.styles
	h := help.New()
	h.Styles = st.Help
	h.Styles.FullKey = h.Styles.FullKey.PaddingRight(1)
	var out []string
	for _, sec := range hs.keys.sections() {
		if len(enabled(sec.bindings)) == 0 {
			continue
		}
		if len(out) > 0 {
			out = append(out, "")
		}
		out = append(out, st.HelpSection.Render(sec.title))
		out = append(out, splitLines(indent(h.FullHelpView([][]key.Binding{sec.bindings}), 2))...)
	}
	return out
}

// heading is the right of the title line: how to close the help.
func (hs *helpScreen) heading(d *desk) string {
	return d.styles.Muted.Render(d.t.HelpTitle + " · " + d.t.HelpClose)
}

func (hs *helpScreen) View(d *desk, w, h int) string {
	lines := hs.lines(d)
	start, end := hs.scroll.window(len(lines), max(h-1, 0))
	return "\n" + indent(strings.Join(lines[start:end], "\n"), 2)
}
