// Package ui is the desk. One Bubble Tea model, the root (Model), routes
// every message by its type to the part of the desk that owns it,
// whatever screen shows; it holds what the screens share (desk.go). Each
// screen is a type of its own that keeps its state, handles its keys
// (its key map is in keys.go) and draws itself: the backlog, the editor,
// the full-screen preview, the week, the history, the WhatsApp screen and
// the help. ARCHITECTURE.md at the repository's root is the map.
package ui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Model is the desk's root model: it routes, the screens act.
type Model struct {
	desk
	screen screen

	backlog  backlog // always open, under every other screen
	editor   *editor
	preview  *preview
	history  *history
	week     *week
	whatsapp *whatsapp
	meeting  *meetingScreen
	pending  *pendingScreen
	help     *helpScreen
	setup    *setup
	confirm  *confirm // a question on the footer line
	urgent   *urgent  // the reason of an urgent send, being typed

	gen    int  // counts editors opened, so a closed one's ticks are ignored
	backup bool // make the day's backup
}

// New builds the desk's model; nothing is read until Init's commands run.
func New(cfg Config) Model {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Autosave == 0 {
		cfg.Autosave = AutosaveEvery
	}
	m := Model{desk: newDesk(cfg), backup: cfg.Backup}
	m.backlog = newBacklog(m.t, m.styles)
	m.statsTicking = m.wa != nil && m.waConfigured() && cfg.Member == nil // Init starts the readings
	if cfg.FirstRun != nil {
		m.setup, _ = newSetup(&m.desk, screenBacklog, true) // Init starts the form
		m.screen = screenSetup
	}
	return m
}

// Init asks the terminal for its background and reads the newest posts;
// the rest of the desk's work waits until they are on screen (started).
func (m Model) Init() tea.Cmd {
	var setup tea.Cmd
	if m.setup != nil {
		setup = m.setup.form.Init()
	}
	return tea.Batch(tea.RequestBackgroundColor, m.firstRowsCmd(), setup)
}

// started is the desk's work once its first rows are on screen: the
// whole backlog, read in the background, and the rest.
func (m *Model) started() tea.Cmd {
	if m.member != nil {
		// The server sends and reads the stats for every session.
		return tea.Batch(m.loadWith(false), m.waStateCmd(), m.waTickCmd(false), m.loadStatsCmd())
	}
	var backup tea.Cmd
	if m.backup {
		backup = m.backupCmd()
	}
	return tea.Batch(m.loadCmd(), backup, m.dispatchCmd(), m.dispatchTickCmd(),
		m.loadPendingCmd(), m.waStateCmd(), m.waTickCmd(false), m.loadStatsCmd(), m.statsTickCmd(),
		m.lateCmd(), m.lateTickCmd(), m.feedsDueCmd(), m.feedsTickCmd())
}

// Update hands each message to its owner by its type, whatever screen
// shows; only key presses and what is typed go to the screen showing.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := m.update(msg)
	if team := m.teamUpdate(msg); team != nil {
		cmd = tea.Batch(cmd, team)
	}
	return m, cmd
}

func (m *Model) update(msg tea.Msg) tea.Cmd {
	d := &m.desk
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		return m.resized()
	case tea.BackgroundColorMsg:
		d.restyle(msg.IsDark())
		return m.restyled()
	case tea.KeyPressMsg:
		return m.keyPress(msg)

	// The team desk: what the others did, who is here.
	case PostChanged:
		return m.changedElsewhere(msg)
	case Reload:
		return tea.Batch(m.afterSending(), m.loadStatsCmd())
	case Presence:
		d.presence(msg)
	case MemberChanged:
		m.memberChanged(msg)
	case inboxMsg:
		if m.editor != nil {
			m.editor.inboxRead(d, msg)
		}

	// The backlog and the store's answers about posts.
	case firstRowsMsg:
		m.backlog.firstRows(d, msg)
		return m.started()
	case loadedMsg:
		return m.backlog.load(d, msg)
	case signedMsg:
		m.backlog.sign(msg)
	case filteredMsg:
		tidy := m.backlog.filtered(d, msg)
		m.backlog.clamp(m.backlog.rows(d))
		return tidy
	case samplesDeletedMsg:
		return m.backlog.samplesDeleted(d, msg)
	case changedMsg:
		return m.changed(msg)
	case backupMsg:
		d.backedUp(msg)

	// The editor's: they reach it under any screen.
	case openedMsg:
		return m.openEditor(msg)
	case savedMsg:
		return m.saved(msg)
	case autosaveMsg:
		if m.editor != nil {
			return m.editor.autosaved(d, msg)
		}
	case workingMsg:
		d.workingKept(msg)
	case externalReadyMsg:
		if m.editor != nil {
			return m.editor.externalReady(d, msg)
		}
	case externalMsg:
		if m.editor != nil {
			return m.editor.external(d, msg)
		}
	case notesRender:
		if m.editor != nil {
			m.editor.notesRendered(d, msg)
		}

	// Previews, validation, history.
	case imageMsg:
		m.imageLoaded(msg)
	case checkedMsg:
		if m.editor != nil {
			m.editor.proof.checked(msg)
		}
	case previewMsg:
		return m.openPreview(msg)
	case cardFetchedMsg:
		if d.cardFetched(msg, m.backlog.statusOf(msg.post.ID)) {
			return m.postChanged(msg.post)
		}
	case toValidateMsg:
		return m.route(d.toValidate(msg))
	case validatedMsg:
		d.validated(msg)
		if msg.err == nil {
			return tea.Batch(m.postChanged(msg.post), d.lateCmd(), m.reloadWeek())
		}
	case revisionsMsg:
		return m.openHistory(msg)
	case restoredMsg:
		return m.restored(msg)
	case duplicatedMsg:
		return m.duplicated(msg)

	// The week and sending.
	case weekLoadedMsg:
		if msg.err != nil {
			d.fail(d.errorText(msg.err))
		} else if m.week != nil {
			m.week.load(d, msg)
		}
	case weekChangedMsg:
		d.weekChanged(msg)
		return tea.Batch(m.afterSending(), d.lateCmd(), m.reloadMeeting())
	case dispatchedMsg:
		cmd, changed, paste := d.dispatched(msg)
		if changed {
			cmd = tea.Batch(cmd, m.afterSending())
		}
		if paste != "" {
			// A person sent it: the text to paste shows at once.
			cmd = tea.Batch(cmd, m.update(pendingOpenMsg{send: paste}))
		}
		return cmd
	case pendingMsg:
		d.pendingLoaded(msg)
		if m.pending != nil {
			m.pending.reloaded(d)
		}
	case settledMsg:
		d.settled(msg)
		return m.afterSending()
	case copiedMsg:
		d.copied(msg)
	case dispatchTick:
		return d.dispatchTicked()

	// WhatsApp.
	case waTickMsg:
		return m.waTicked(msg)
	case linkStartedMsg:
		if m.whatsapp != nil {
			return m.whatsapp.linkStarted(d, msg)
		}
	case linkEventMsg:
		if m.whatsapp != nil {
			return m.whatsapp.linkEvent(d, msg)
		}
	case channelsMsg:
		if m.whatsapp != nil {
			return m.whatsapp.channelsRead(d, msg)
		}
	case channelChosenMsg:
		return d.channelChosen(msg)
	case setupSavedMsg:
		return m.setupSaved(msg)
	case unlinkedMsg:
		if d.unlinked(msg) && m.whatsapp != nil {
			m.whatsapp.channels = nil
		}
	case statsTickMsg:
		return d.statsTicked()
	case statsMsg:
		d.statsRead(msg)
		return m.redrawProofs()
	case correctedMsg:
		return m.corrected(msg)

	// The meeting, the feeds and the reserved slots.
	case meetingLoadedMsg:
		if m.meeting != nil {
			m.meeting.load(d, msg)
		}
	case meetingSavedMsg:
		if m.meeting != nil {
			return m.meeting.saved(d, msg)
		}
		if msg.err != nil {
			d.fail(d.errorText(msg.err))
		}
	case decidedMsg:
		d.decided(msg)
		if msg.err == nil {
			return tea.Batch(m.postChanged(msg.post), m.reloadMeeting(), d.lateCmd(), m.reloadWeek())
		}
	case viewsTypedMsg:
		d.viewsTyped(msg)
		return tea.Batch(d.loadStatsCmd(), m.reloadMeeting())
	case minutesMsg:
		if m.meeting != nil {
			m.meeting.minutesDrawn(d, msg)
		}
	case minutesWrittenMsg:
		d.minutesWritten(msg)
	case feedsMsg:
		d.feedsRead(msg)
		if msg.added > 0 {
			return tea.Batch(m.loadCmd(), m.reloadMeeting())
		}
	case feedsTick:
		return d.feedsTicked(msg)
	case lateMsg:
		d.lateRead(msg)
	case lateTick:
		return tea.Batch(d.lateCmd(), d.lateTickCmd())

	// Requests from the screens and from answers.
	case showMsg:
		return m.show(msg.to)
	case closeMsg:
		m.close()
	case closeEditorMsg:
		m.closeEditor()
	case quitMsg:
		return m.quit()
	case askMsg:
		c := confirm(msg)
		m.confirm = &c
	case urgentMsg:
		var cmd tea.Cmd
		m.urgent, cmd = newUrgent(d, msg.post)
		return cmd
	case pickMsg:
		if m.week != nil {
			m.week.pick(d, m.backlog.validated())
		}
	case sendNowMsg:
		return d.sendNow(msg.id)
	case pendingOpenMsg:
		m.openPending(msg.send)

	default:
		return m.forward(msg)
	}
	return nil
}

// keyPress gives a key to the question on the footer, else to the reason
// being typed, else to the screen showing, and routes what it asks for.
func (m *Model) keyPress(k tea.KeyPressMsg) tea.Cmd {
	d := &m.desk
	if m.confirm != nil {
		a, ok := m.confirm.reply(d.keys.confirm, k)
		if !ok {
			return nil
		}
		m.confirm = nil
		return m.then(a.run, a.now)
	}
	if m.urgent != nil {
		cmd, done := m.urgent.keyPress(d, k)
		if done {
			m.urgent = nil
		}
		return cmd
	}
	d.message, d.isError = "", false
	if key.Matches(k, d.keys.interrupt) {
		return m.quit()
	}
	if why := m.refused(k); why != "" {
		d.fail(why)
		return nil
	}
	return m.then(m.page().keyPress(d, k))
}

// then runs cmd, and routes next at once when there is one.
func (m *Model) then(cmd tea.Cmd, next tea.Msg) tea.Cmd {
	if next == nil {
		return cmd
	}
	return tea.Batch(cmd, m.update(next))
}

// route routes a request at once, when there is one.
func (m *Model) route(next tea.Msg) tea.Cmd { return m.then(nil, next) }

// forward hands what is typed that is no key press to the line being
// typed: the urgent reason, else the screen's.
func (m *Model) forward(msg tea.Msg) tea.Cmd {
	if m.urgent != nil {
		return m.urgent.forward(msg)
	}
	if f, ok := m.page().(forwarder); ok {
		return f.forward(&m.desk, msg)
	}
	return nil
}

// page is the screen showing; the backlog when the one named is closed.
func (m *Model) page() page {
	switch {
	case m.screen == screenEditor && m.editor != nil:
		return m.editor
	case m.screen == screenPreview && m.preview != nil:
		return m.preview
	case m.screen == screenHistory && m.history != nil:
		return m.history
	case m.screen == screenWeek && m.week != nil:
		return m.week
	case m.screen == screenWhatsApp && m.whatsapp != nil:
		return m.whatsapp
	case m.screen == screenMeeting && m.meeting != nil:
		return m.meeting
	case m.screen == screenPending && m.pending != nil:
		return m.pending
	case m.screen == screenHelp && m.help != nil:
		return m.help
	case m.screen == screenSetup && m.setup != nil:
		return m.setup
	}
	return &m.backlog
}
