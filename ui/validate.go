package ui

import (
	"fmt"
	"os"
	"os/user"

	tea "charm.land/bubbletea/v2"

	"crieur/message"
	"crieur/settings"
	"crieur/store"
)

// Validation: a person approves a post as it will go out. The desk runs
// the checks first (errors refuse, warnings ask), then asks once more,
// naming the validator; the store binds the validation to the hash of the
// exact message.

type (
	// toValidateMsg brings the stored post that v was pressed on.
	toValidateMsg struct {
		post   store.Post
		revoke bool
		err    error
	}
	validatedMsg struct {
		post    store.Post
		revoked bool
		err     error
	}
)

// validator is who validates at this desk: the name in the settings, else
// the system user.
func validator(s settings.Settings) string {
	if s.Desk.Name != "" {
		return s.Desk.Name
	}
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	return "?"
}

func (m Model) loadToValidateCmd(id string, revoke bool) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		p, err := st.Post(id)
		return toValidateMsg{post: p, revoke: revoke, err: err}
	}
}

func (m Model) validateCmd(id string, rev uint64) tea.Cmd {
	// A planned post edited since its validation goes back to its slot.
	st, who, dests := m.st, m.who, m.settings.DestinationNames()
	return func() tea.Msg {
		p, err := st.ValidateAndReplan(id, rev, who, dests)
		return validatedMsg{post: p, err: err}
	}
}

func (m Model) revokeCmd(id string) tea.Cmd {
	st, who := m.st, m.who
	return func() tea.Msg {
		p, err := st.Revoke(id, who)
		return validatedMsg{post: p, revoked: true, err: err}
	}
}

// askValidation checks p and, when nothing blocks it, asks to validate it.
func (m *Model) askValidation(p store.Post) {
	// A published post that was edited is validated again as a
	// correction: it stays published until the correction goes out.
	correction := p.Status == store.StatusSent && p.Validation == nil
	if p.Status == store.StatusValidated || (p.Status == store.StatusSent && !correction) {
		m.say(fmt.Sprintf(m.t.MsgAlreadyValidated, m.title(p.Title)))
		return
	}
	if p.Status != store.StatusDraft && p.Status != store.StatusReady && !correction {
		m.fail(fmt.Sprintf(m.t.CannotValidateStatus, m.t.Status(string(p.Status))))
		return
	}
	problems := m.checks(p)
	if n := message.Errors(problems); n > 0 {
		first := ""
		for _, pr := range problems {
			if pr.Level == message.Error {
				first = m.t.Check[pr.Code]
				break
			}
		}
		m.fail(fmt.Sprintf(m.t.CannotValidate, n, first))
		return
	}
	q := fmt.Sprintf(m.t.ConfirmValidate, m.title(p.Title), visible(m.who))
	if w := len(problems); w > 0 {
		q = fmt.Sprintf(m.t.ConfirmValidateWarnings, m.title(p.Title), w)
	}
	id, rev := p.ID, p.Rev
	m.ask(q, false, func(m *Model) tea.Cmd { return m.validateCmd(id, rev) }, nil)
}

func (m *Model) askRevoke(p store.Post) {
	if p.Status != store.StatusValidated {
		m.fail(m.t.MsgNotValidated)
		return
	}
	id := p.ID
	m.ask(fmt.Sprintf(m.t.ConfirmRevoke, m.title(p.Title)), false, func(m *Model) tea.Cmd { return m.revokeCmd(id) }, nil)
}

// validationResults applies the messages of validation, whatever the screen.
func (m *Model) validationResults(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case toValidateMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
		} else if msg.revoke {
			m.askRevoke(msg.post)
		} else {
			m.askValidation(msg.post)
		}
		return nil, true
	case validatedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		m.backlog.upsert(msg.post)
		m.backlog.clamp(m.listHeight())
		if m.preview != nil && m.preview.proof.post.ID == msg.post.ID {
			m.preview.proof.post = msg.post
		}
		if m.editor != nil && m.editor.post.ID == msg.post.ID {
			m.editor.post.Status, m.editor.post.Validation, m.editor.post.Rev = msg.post.Status, msg.post.Validation, msg.post.Rev
		}
		if msg.revoked {
			m.say(fmt.Sprintf(m.t.MsgRevoked, m.title(msg.post.Title)))
		} else if slot := msg.post.PlannedFor(); !slot.IsZero() {
			at := slot.In(m.loc)
			m.say(fmt.Sprintf(m.t.MsgValidatedReplanned, m.title(msg.post.Title), m.t.ShortDate(at)+" "+at.Format("15:04")))
		} else {
			m.say(fmt.Sprintf(m.t.MsgValidated, m.title(msg.post.Title), visible(m.who)))
		}
		return nil, true
	}
	return nil, false
}

// validationLine says who validated a post and when, and the start of the
// hash it is bound to.
func (m Model) validationLine(p store.Post) string {
	v := p.Validation
	if v == nil {
		return ""
	}
	hash := v.Hash
	if len(hash) > 12 {
		hash = hash[:12]
	}
	return fmt.Sprintf(m.t.ValidatedBy, visible(v.By), m.t.Stamp(v.At.In(m.loc)), hash)
}
