package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
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

// newUrgent starts an urgent send of a validated post, or says why it
// cannot be.
func newUrgent(d *desk, s store.Summary) (*urgent, tea.Cmd) {
	if s.Status() != store.StatusValidated && s.Status() != store.StatusPlanned {
		d.fail(d.t.MsgUrgentNotValidated)
		return nil, nil
	}
	if d.dispatcher == nil {
		d.fail(d.t.MsgNoDispatcher)
		return nil, nil
	}
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = d.t.UrgentPlaceholder
	in.CharLimit = 300
	in.SetStyles(inputStyles(d.styles))
	in.SetWidth(max(d.width-3, 10))
	u := &urgent{post: s, reason: in}
	return u, u.reason.Focus()
}

// keyPress takes the keys while the reason is typed; done says the
// prompt is over: cancelled, or the send started.
func (u *urgent) keyPress(d *desk, k tea.KeyPressMsg) (cmd tea.Cmd, done bool) {
	keys := d.keys.input
	switch {
	case key.Matches(k, keys.Cancel):
		return nil, true
	case key.Matches(k, keys.Submit):
		reason := strings.TrimSpace(u.reason.Value())
		if reason == "" {
			return nil, false // a reason is required: enter waits for one
		}
		d.sending = true
		return d.sendAtOnceCmd(u.post.ID(), true, reason), true
	}
	return u.forward(k), false
}

// forward hands what is typed (keys, pastes) to the reason's line.
func (u *urgent) forward(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	u.reason, cmd = u.reason.Update(msg)
	return cmd
}

// View draws the whole question, wrapped, and the line typed under it.
func (u *urgent) View(d *desk, w int) string {
	return wrapStyled(d.t.UrgentPrompt, w, d.styles.Confirm.Render) + "\n" + ansi.Truncate("› "+u.reason.View(), w, "")
}
