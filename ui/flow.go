package ui

import (
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"crieur/store"
)

// How the screens open and close over one another, and the results that
// concern more than one of them. The screens come back to where they were
// opened from; the editor and the week to the backlog.

// show opens the week, the meeting, the WhatsApp screen or the help over
// the screen showing.
func (m *Model) show(to screen) tea.Cmd {
	d := &m.desk
	var cmd tea.Cmd
	switch to {
	case screenWeek:
		m.week, cmd = newWeek(d)
	case screenMeeting:
		m.meeting, cmd = newMeeting(d)
	case screenWhatsApp:
		if d.wa == nil {
			d.fail(d.t.WA.Unavailable)
			return nil
		}
		m.whatsapp, cmd = newWhatsApp(d, m.opener(screenWhatsApp))
	case screenHelp:
		m.help = newHelpScreen(m.opener(screenHelp), m.page().keyMap(d))
	case screenSetup:
		m.setup, cmd = newSetup(d, m.opener(screenSetup), false)
	case screenPending:
		m.pending = newPendingScreen(m.opener(screenPending))
		cmd = d.loadPendingCmd()
	}
	m.screen = to
	return cmd
}

// openPending opens the sends to settle on one send (just made: it is
// selected once the list is read again).
func (m *Model) openPending(send string) {
	if m.screen == screenEditor {
		return // the text being typed keeps the screen; the title line counts it
	}
	if m.pending == nil {
		m.pending = newPendingScreen(m.opener(screenPending))
	}
	m.pending.focusOn = send
	m.pending.focus(&m.desk, send)
	m.screen = screenPending
}

// opener is the screen to come back to from s, opened now: the one
// showing, or, when s shows already, the one it came from.
func (m *Model) opener(s screen) screen {
	if m.screen != s {
		return m.screen
	}
	switch {
	case s == screenPreview && m.preview != nil:
		return m.preview.from
	case s == screenHistory && m.history != nil:
		return m.history.from
	case s == screenWhatsApp && m.whatsapp != nil:
		return m.whatsapp.from
	case s == screenHelp && m.help != nil:
		return m.help.from
	case s == screenSetup && m.setup != nil:
		return m.setup.from
	case s == screenPending && m.pending != nil:
		return m.pending.from
	}
	return screenBacklog
}

// close closes the screen showing, back to the one it was opened from.
func (m *Model) close() {
	switch m.screen {
	case screenEditor:
		m.closeEditor()
		return
	case screenPreview:
		m.screen, m.preview = m.preview.from, nil
	case screenHistory:
		m.screen, m.history = m.history.from, nil
	case screenWhatsApp:
		m.whatsapp.stopLinking()
		m.screen, m.whatsapp = m.whatsapp.from, nil
	case screenHelp:
		m.screen, m.help = m.help.from, nil
	case screenSetup:
		m.screen, m.setup = m.setup.from, nil
	case screenPending:
		m.screen, m.pending = m.pending.from, nil
	case screenWeek:
		m.screen, m.week = screenBacklog, nil
	case screenMeeting:
		m.screen, m.meeting = screenBacklog, nil
	}
	if m.page() == &m.backlog {
		m.screen = screenBacklog
	}
}

// openEditor shows a post in the editor.
func (m *Model) openEditor(msg openedMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	m.backlog.filtering = false
	m.gen++
	var cmd tea.Cmd
	m.editor, cmd = newEditor(&m.desk, msg.post, msg.working, m.gen)
	m.screen = screenEditor
	return cmd
}

// closeEditor closes the editor and what was opened over it.
func (m *Model) closeEditor() {
	m.editor, m.preview, m.history, m.help, m.pending = nil, nil, nil, nil, nil
	m.screen = screenBacklog
	m.backlog.clamp(m.backlog.rows(&m.desk))
}

// quit leaves the desk, asking first when the editor holds unsaved work.
func (m *Model) quit() tea.Cmd {
	if m.whatsapp != nil {
		m.whatsapp.stopLinking()
	}
	if m.editor == nil {
		return tea.Quit
	}
	return m.then(m.editor.quit(&m.desk))
}

// saved takes a post the editor saved, then closes the editor or quits
// when the save was asked for that.
func (m *Model) saved(msg savedMsg) tea.Cmd {
	if msg.err != nil && errors.Is(msg.err, store.ErrConflict) && m.member != nil && msg.over == 0 {
		// Saved elsewhere while typed here: the person chooses, and both
		// texts stay in the history whatever they choose.
		c := confirm{
			question: fmt.Sprintf(m.t.Team.ConfirmConflict, m.title(msg.tried.Title)), threeWay: true,
			yes: answer{run: m.saveOverCmd(msg.tried, msg.after, overMine)},
			no:  answer{run: m.saveOverCmd(msg.tried, msg.after, overTheirs)},
		}
		m.confirm = &c
		return nil
	}
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	cmd := m.postChanged(msg.post)
	if m.editor != nil {
		m.editor.saved(msg)
	}
	if msg.over == overTheirs && m.editor != nil && m.editor.post.ID == msg.post.ID {
		cmd = tea.Batch(cmd, m.editor.fill(&m.desk, msg.post))
	}
	m.backlog.selectID(msg.post.ID)
	m.backlog.clamp(m.backlog.rows(&m.desk))
	m.saveReported(msg)
	switch msg.over {
	case overMine:
		m.say(m.t.Team.MsgSavedOver)
	case overTheirs:
		m.say(m.t.Team.MsgTookTheirs)
	}
	switch msg.after {
	case closeEditor:
		m.closeEditor()
	case quitDesk:
		return tea.Quit
	}
	return cmd
}

// changed takes a post whose status changed (a step, the archive).
func (m *Model) changed(msg changedMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	if msg.post.ID == "" {
		return nil
	}
	m.say(fmt.Sprintf(msg.format, m.title(msg.post.Title)))
	return m.postChanged(msg.post)
}

// openPreview opens the full-screen preview of a post.
func (m *Model) openPreview(msg previewMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	var cmd tea.Cmd
	m.preview, cmd = newPreview(&m.desk, msg, m.opener(screenPreview))
	m.screen = screenPreview
	return cmd
}

// openHistory opens the history of a post's revisions.
func (m *Model) openHistory(msg revisionsMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	unsaved := m.editor != nil && m.editor.dirty()
	m.history = newHistory(&m.desk, msg, m.opener(screenHistory), unsaved)
	m.screen = screenHistory
	return nil
}

// restored takes a post a revision was restored to: the editor that shows
// it opens it again, else the history is read again.
func (m *Model) restored(msg restoredMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	cmd := m.postChanged(msg.post)
	m.say(fmt.Sprintf(m.t.MsgRestored, msg.from, msg.post.Rev))
	if (msg.was == store.StatusValidated || msg.was == store.StatusPlanned) && msg.post.Validation == nil {
		// The restored text is not the one validated: the validation went
		// at once, and the desk says why.
		m.fail(fmt.Sprintf(m.t.Plan.Restored, msg.from, msg.post.Rev, m.title(msg.post.Title)))
	}
	if m.editor != nil && m.editor.post.ID == msg.post.ID {
		m.history = nil
		return tea.Batch(cmd, m.openEditor(openedMsg{post: msg.post}))
	}
	return tea.Batch(cmd, m.revisionsCmd(msg.post.ID))
}

// duplicated opens the copy of a post in the editor, a new draft.
func (m *Model) duplicated(msg duplicatedMsg) tea.Cmd {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return nil
	}
	cmd := m.postChanged(msg.post)
	if m.editor == nil {
		// Opened in the editor, to change what the copy must change (its
		// dates); an editor already open keeps its post.
		cmd = tea.Batch(cmd, m.openEditor(openedMsg{post: msg.post}))
	}
	m.say(fmt.Sprintf(m.t.Plan.MsgDuplicated, m.title(msg.from.Title)))
	return cmd
}

// corrected takes a sent post after its correction or withdrawal.
func (m *Model) corrected(msg correctedMsg) tea.Cmd {
	m.desk.corrected(msg)
	if msg.post.ID == "" {
		return nil
	}
	if msg.err == nil && m.preview != nil && m.preview.proof.post.ID == msg.post.ID {
		m.preview.pubs = msg.pubs
	}
	return m.postChanged(msg.post)
}

// imageLoaded gives a decoded image to the previews waiting for it.
func (m *Model) imageLoaded(msg imageMsg) {
	d := &m.desk
	if m.editor != nil {
		_, right := m.editor.split(d)
		m.editor.proof.imageLoaded(d, msg, right)
	}
	if m.preview != nil {
		m.preview.proof.imageLoaded(d, msg, m.preview.width(d))
	}
}

// redrawProofs draws the previews again: the stats or the size changed.
func (m *Model) redrawProofs() tea.Cmd {
	var cmds []tea.Cmd
	if m.editor != nil {
		cmds = append(cmds, m.editor.refreshProof(&m.desk))
	}
	if m.preview != nil {
		cmds = append(cmds, m.preview.refresh(&m.desk))
	}
	return tea.Batch(cmds...)
}

// waTicked takes the connection's state; back online, what waited for
// the network goes.
func (m *Model) waTicked(msg waTickMsg) tea.Cmd {
	d := &m.desk
	online := d.waTicked(msg)
	var cmds []tea.Cmd
	if msg.tick {
		cmds = append(cmds, d.waTickCmd(m.whatsapp != nil && m.whatsapp.linking))
	}
	if online {
		cmds = append(cmds, d.dispatchCmd())
		if m.whatsapp != nil {
			cmds = append(cmds, m.whatsapp.online(d))
		}
	}
	return tea.Batch(cmds...)
}

// afterSending reads again what sending changed: the backlog, the sends
// to settle and the week.
func (m *Model) afterSending() tea.Cmd {
	return tea.Batch(m.loadCmd(), m.loadPendingCmd(), m.reloadWeek())
}

// reloadWeek reads the week on screen again, when it is open.
func (m *Model) reloadWeek() tea.Cmd {
	if m.week == nil {
		return nil
	}
	return m.loadWeekCmd(m.week.week)
}

// reloadMeeting reads the meeting's agenda again, when it is open.
func (m *Model) reloadMeeting() tea.Cmd {
	if m.meeting == nil || !m.meeting.loaded {
		return nil
	}
	return m.loadMeetingCmd(m.meeting.at, false)
}

// resized lays the screens out again for a new window size.
func (m *Model) resized() tea.Cmd {
	m.backlog.input.SetWidth(max(m.width-4, 1))
	m.backlog.clamp(m.backlog.rows(&m.desk))
	if m.editor != nil {
		m.editor.layout(&m.desk)
	}
	if m.setup != nil {
		m.setup.layout(&m.desk)
	}
	return m.redraw()
}

// restyled follows a change of the terminal's background.
func (m *Model) restyled() tea.Cmd {
	m.backlog.input.SetStyles(inputStyles(m.styles))
	if m.editor != nil {
		m.editor.restyle(&m.desk)
	}
	if m.setup != nil {
		m.setup.restyle(&m.desk)
	}
	return m.redraw()
}

// redraw remakes what is drawn ahead of View (the notes, the phones)
// after the size or the theme changed.
func (m *Model) redraw() tea.Cmd {
	var notes, minutes tea.Cmd
	if m.editor != nil {
		notes = m.editor.renderNotesCmd(&m.desk)
	}
	if m.meeting != nil {
		minutes = m.meeting.redraw(&m.desk)
	}
	return tea.Batch(notes, minutes, m.redrawProofs())
}

// setupSaved takes the settings the setup's answers made, closes the
// setup, and reads the backlog again: on the first run it now holds the
// sample week.
func (m *Model) setupSaved(msg setupSavedMsg) tea.Cmd {
	m.desk.setupSaved(msg)
	if m.setup != nil {
		m.screen, m.setup = m.setup.from, nil
	}
	if m.page() == &m.backlog {
		m.screen = screenBacklog
	}
	return m.loadCmd()
}

// saveReported says what a save did.
func (d *desk) saveReported(msg savedMsg) {
	switch {
	case msg.post.Rev == msg.prev:
		d.say(d.t.MsgNothingToSave)
	case msg.post.Status == store.StatusSent && msg.post.Validation == nil:
		// A published post changed: it stays published as it was until
		// the correction is validated and sent as an edit.
		d.say(d.t.WA.SavedSent)
	case (msg.was == store.StatusValidated || msg.was == store.StatusPlanned) && msg.post.Status == store.StatusReady:
		d.fail(fmt.Sprintf(d.t.MsgBackToReady, d.title(msg.post.Title)))
	default:
		d.say(fmt.Sprintf(d.t.MsgSaved, msg.post.Rev))
	}
}

// postChanged is the one way a post the store returned reaches the
// screens: every open screen that shows it takes it.
func (m *Model) postChanged(p store.Post) tea.Cmd {
	d := &m.desk
	m.backlog.postChanged(d, p)
	var cmds []tea.Cmd
	if m.editor != nil {
		cmds = append(cmds, m.editor.postChanged(d, p))
	}
	if m.preview != nil {
		shown := p
		if m.preview.typed && m.editor != nil && m.editor.post.ID == p.ID {
			shown = m.editor.current() // the editor's text, with the stored post's state
		}
		cmds = append(cmds, m.preview.postChanged(d, shown))
	}
	if m.week != nil {
		m.week.postChanged(p)
	}
	if m.history != nil {
		m.history.postChanged(p)
	}
	if m.meeting != nil {
		m.meeting.postChanged(p)
	}
	return tea.Batch(cmds...)
}
