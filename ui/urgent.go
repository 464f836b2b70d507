package ui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/store"
)

// urgent asks, on the footer line, why a validated post must go out at
// once, outside the week's slots; the reason is recorded with the sends.
type urgent struct {
	post   store.Summary
	reason textinput.Model
}

// askUrgent starts an urgent send of a validated post.
func (m *Model) askUrgent(s store.Summary) tea.Cmd {
	if s.Status != store.StatusValidated && s.Status != store.StatusPlanned {
		m.fail(m.t.MsgUrgentNotValidated)
		return nil
	}
	if m.dispatcher == nil {
		m.fail(m.t.MsgNoDispatcher)
		return nil
	}
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = m.t.UrgentPlaceholder
	in.CharLimit = 300
	in.SetStyles(inputStyles(&m.styles))
	in.SetWidth(max(m.width-cells(m.t.UrgentPrompt)-2, 10))
	m.urgent = &urgent{post: s, reason: in}
	return m.urgent.reason.Focus()
}

// updateUrgent takes the keys while the reason is being typed.
func (m Model) updateUrgent(msg tea.Msg) (tea.Model, tea.Cmd) {
	u := m.urgent
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.String() {
		case "esc", "ctrl+c":
			m.urgent = nil
			return m, nil
		case "enter":
			reason := strings.TrimSpace(u.reason.Value())
			if reason == "" {
				return m, nil // a reason is required: enter waits for one
			}
			m.urgent, m.sending = nil, true
			return m, m.sendUrgentCmd(u.post.ID, reason)
		}
	}
	var cmd tea.Cmd
	u.reason, cmd = u.reason.Update(msg)
	return m, cmd
}

func (m Model) sendUrgentCmd(id, reason string) tea.Cmd {
	st, dests, now := m.st, m.settings.DestinationNames(), m.now
	run := m.dispatchCmd()
	return func() tea.Msg {
		// A planned post goes now instead of at its slot: what was queued
		// for the slot is cancelled in the same transaction.
		if _, err := st.SendNow(id, dests, now(), true, reason); err != nil {
			return dispatchedMsg{err: err}
		}
		return run()
	}
}

func (m Model) urgentLine(w int) string {
	prompt := m.styles.Confirm.Render(m.t.UrgentPrompt + " ")
	return ansi.Truncate(prompt+m.urgent.reason.View(), w, "")
}
