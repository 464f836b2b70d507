package ui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
)

// confirm is a question on the footer line that must be answered before
// anything else happens: yes, no, or (esc) neither.
type confirm struct {
	question string
	// threeWay questions distinguish "no" (do the other thing) from esc
	// (do nothing); two-way ones treat both as "no, do nothing".
	threeWay bool
	onYes    func(*Model) tea.Cmd
	onNo     func(*Model) tea.Cmd
}

func (m *Model) ask(question string, threeWay bool, onYes, onNo func(*Model) tea.Cmd) {
	m.confirm = &confirm{question: question, threeWay: threeWay, onYes: onYes, onNo: onNo}
}

func (m Model) answer(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	c := m.confirm
	s := k.String()
	switch {
	case len(s) == 1 && strings.Contains(m.t.YesKeys, s):
		m.confirm = nil
		return m, c.onYes(&m)
	case len(s) == 1 && strings.Contains(m.t.NoKeys, s):
		m.confirm = nil
		if c.threeWay && c.onNo != nil {
			return m, c.onNo(&m)
		}
		return m, nil
	case s == "esc" || s == "ctrl+c":
		m.confirm = nil
		return m, nil
	}
	return m, nil
}

// quit leaves the desk, asking first when the editor holds unsaved work.
func (m Model) quit() (tea.Model, tea.Cmd) {
	e := m.editor
	if e == nil {
		return m, tea.Quit
	}
	if !e.dirty() {
		// Nothing unsaved: no working copy may outlive the desk.
		return m, m.discardCmd(e.post.ID, tea.Quit)
	}
	m.ask(m.t.ConfirmQuitDirty, true,
		func(m *Model) tea.Cmd { return m.saveCmd(m.checked(e.current()), e.post.Rev, quitDesk) },
		func(m *Model) tea.Cmd { return m.discardCmd(e.post.ID, tea.Quit) })
	return m, nil
}
