package ui

import (
	"strconv"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// notesRender is the notes drawn as Markdown by glamour, tagged with the
// text, width and theme it was made for. Rendering takes about a
// millisecond, so it happens in a Cmd when one of those changes, never in
// View.
type notesRender struct {
	key  string
	text string
}

func (m Model) notesKey() string {
	if m.editor == nil {
		return ""
	}
	left, _ := m.editorSplit()
	_, h := m.editorHeights()
	theme := "light"
	if m.styles.Dark {
		theme = "dark"
	}
	return strings.Join([]string{theme, strconv.Itoa(left), strconv.Itoa(h), m.editor.notes.Value()}, "\x00")
}

func (m Model) renderNotesCmd() tea.Cmd {
	if m.editor == nil || strings.TrimSpace(m.editor.notes.Value()) == "" {
		return nil
	}
	key := m.notesKey()
	if m.editor.notesView.key == key {
		return nil
	}
	notes := visibleKeepNewlines(m.editor.notes.Value())
	left, _ := m.editorSplit()
	_, h := m.editorHeights()
	theme := "light"
	if m.styles.Dark {
		theme = "dark"
	}
	return func() tea.Msg {
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(theme), glamour.WithWordWrap(max(left-1, 10)))
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
