package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

func (m Model) updateHelp(msg tea.Msg) (tea.Model, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		if key.Matches(k, m.keys.Help, m.keys.Close, m.keys.EditorHelp) || k.String() == "q" {
			m.screen = m.helpFrom
		}
	}
	return m, nil
}

// viewHelp lists every key of the screen the help was opened from, in two
// columns when the terminal is wide enough.
func (m Model) viewHelp(w, h int) string {
	st := &m.styles
	var blocks []string
	for _, sec := range m.keys.Sections(m.t, m.helpFrom) {
		lines := []string{st.HelpSection.Render(sec.Title)}
		kw := 0
		for _, b := range sec.Bindings {
			kw = max(kw, ansi.StringWidth(b.Help().Key))
		}
		for _, b := range sec.Bindings {
			lines = append(lines, "  "+st.HelpKey.Render(padRight(b.Help().Key, kw))+"  "+st.HelpDesc.Render(b.Help().Desc))
		}
		blocks = append(blocks, strings.Join(lines, "\n"))
	}
	head := m.titleBar(w, st.Muted.Render(m.t.HelpTitle+" · "+m.t.HelpClose))
	body := strings.Join(blocks, "\n\n")
	if w >= 100 && len(blocks) > 1 {
		body = joinColumns(blocks[0], strings.Join(blocks[1:], "\n\n"), w/2, 2)
	}
	return head + "\n\n" + indent(body, 2)
}
