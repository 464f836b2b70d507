package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// The editorial notes are Markdown, drawn by glamour beside the form.
// Rendering takes about a millisecond, so it happens in a Cmd when the
// text, the width or the theme changes, never in View.

func (e *editor) notesKey(d *desk) string {
	left, _ := e.split(d)
	_, h := e.heights(d)
	return strings.Join([]string{themeName(d.styles.Dark), strconv.Itoa(left), strconv.Itoa(h), e.notes.Value()}, "\x00")
}

func themeName(dark bool) string {
	if dark {
		return "dark"
	}
	return "light"
}

func (e *editor) renderNotesCmd(d *desk) tea.Cmd {
	if strings.TrimSpace(e.notes.Value()) == "" {
		return nil
	}
	key := e.notesKey(d)
	if e.notesView.key == key {
		return nil
	}
	notes := visibleKeepNewlines(e.notes.Value())
	left, _ := e.split(d)
	_, h := e.heights(d)
	style := d.styles.Markdown
	return func() tea.Msg {
		r, err := glamour.NewTermRenderer(glamour.WithStyles(style), glamour.WithWordWrap(max(left-1, 10)))
		if err != nil {
			return notesRender{key: key, text: plainLines(notes, left-2, h)}
		}
		out, err := r.Render(notes)
		if err != nil {
			return notesRender{key: key, text: plainLines(notes, left-2, h)}
		}
		lines := splitLines(strings.Trim(out, "\n"))
		if len(lines) > h {
			lines = lines[:h]
		}
		for i, l := range lines {
			lines[i] = ansi.Truncate(l, left, "")
		}
		return notesRender{key: key, text: strings.Join(lines, "\n")}
	}
}
