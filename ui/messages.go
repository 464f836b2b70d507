package ui

import (
	"os/exec"
	"time"

	"crieur/meeting"
	"crieur/message"
	"crieur/sender"
	"crieur/settings"
	"crieur/store"
)

// Every message the desk handles is declared here. Model.Update routes
// each by its type to the part of the desk that owns it, whatever screen
// is showing: a result never waits for its screen to come back.
//
// Results come back from commands: the store, the network, the timers.
// Requests are what a screen, or the answer to a question, asks of the
// desk (open a screen, close one, ask something, quit); a screen returns
// one from its key handling and the desk routes it at once, in the same
// Update, so that the next key already finds the new screen.

// Messages of the team desk: what the server sends to a session's program
// when another session, a command or the server's own sending changed
// something, and who is connected.
type (
	// PostChanged is a post another session changed, as stored; By is
	// the member who changed it.
	PostChanged struct {
		Post store.Post
		By   string
	}
	// Reload says the backlog and the week changed elsewhere (a plan, a
	// send, an import): they are read again.
	Reload struct{ By string }
	// Presence is who else is connected, and the posts they edit (post
	// id -> member).
	Presence struct {
		Others  []string
		Editing map[string]string
	}
	// inboxMsg is the member's picture inbox, read for the editor.
	inboxMsg struct {
		pictures []string
		err      error
	}
	// MemberChanged is the session's member and the settings, read again
	// after the settings file changed: a new role applies at once.
	MemberChanged struct {
		Member   Member
		Settings settings.Settings
	}
)

// Results of the store's work on posts.
type (
	// firstRowsMsg is the newest posts, read first so that the backlog
	// shows them whatever the size of the file; loadedMsg brings the rest.
	firstRowsMsg struct {
		backlog store.Backlog
		index   *backlogIndex // the team desk's, already read: the whole backlog
		err     error
	}
	loadedMsg struct {
		backlog     store.Backlog
		index       *backlogIndex // the team desk's shared backlog, in place of backlog
		recovered   int
		invalidated int
		err         error
	}
	backupMsg struct {
		path string
		err  error
	}
	// openedMsg is a post to show in the editor: read from the store, or
	// a new one (then it is also a request).
	openedMsg struct {
		post    store.Post
		working *store.Post // unsaved content kept for it, if any
		err     error
	}
	savedMsg struct {
		post  store.Post
		tried store.Post   // the post as the editor asked to save it
		over  int          // a save over a newer revision: overMine, overTheirs
		was   store.Status // the status before saving
		prev  uint64       // the revision the editor held before saving
		after afterSave
		err   error
	}
	changedMsg struct {
		post   store.Post
		format string // the catalogue message to show, with the title
		err    error
	}
	workingMsg struct {
		at  time.Time
		err error
	}
	revisionsMsg struct {
		post   store.Post
		revs   []store.Revision
		events []store.Event
		sends  []store.Send // the post's sends, for the attempts that did not go
		err    error
	}
	restoredMsg struct {
		post store.Post
		was  store.Status // the status before the restore
		from uint64
		err  error
	}
	// duplicatedMsg is a post copied as a new draft, to open in the
	// editor.
	duplicatedMsg struct {
		post, from store.Post
		err        error
	}
	samplesDeletedMsg struct {
		n   int
		err error
	}
)

// Results for the editor.
type (
	// autosaveMsg is the editor's tick: keep what is typed.
	autosaveMsg struct{ gen int }
	// externalReadyMsg carries the command that opens the body in the
	// person's own editor, once the body is written to a temporary file.
	externalReadyMsg struct {
		cmd  *exec.Cmd
		path string
		err  error
	}
	externalMsg struct {
		body string
		err  error
	}
	// notesRender is the notes drawn as Markdown by glamour, tagged with
	// the text, width and theme it was made for.
	notesRender struct {
		key  string
		text string
	}
)

// Results for the previews of a post.
type (
	// imageMsg brings back an image decoded off the UI's path.
	imageMsg struct {
		key  string
		rows []string
	}
	// checkedMsg brings back the checks of the text typed in the editor,
	// run off the key's path, tagged with the content they are for.
	checkedMsg struct {
		key      string
		problems []message.Problem
	}
	// previewMsg is a post to show in the full-screen preview: read from
	// the store, or the editor's text (then it is also a request).
	previewMsg struct {
		post store.Post
		pubs []store.Publication // where a sent post was published
		// typed: the post is the editor's text; unsaved: that text
		// differs from the stored post.
		typed, unsaved bool
		err            error
	}
	cardFetchedMsg struct {
		id     string
		card   store.Card
		err    error
		asked  bool // a person pressed the refresh key: say what happened
		stored bool
		post   store.Post
	}
)

// Results of validation.
type (
	// toValidateMsg brings the stored post that v was pressed on, and
	// when validating it would send it (zero: it would not).
	toValidateMsg struct {
		post   store.Post
		goes   time.Time
		revoke bool
		err    error
	}
	validatedMsg struct {
		post    store.Post
		revoked bool
		// queued says whether the post went into the slot a meeting
		// reserved for it, or was left for a person because that slot is
		// too close or past.
		queued store.Queued
		err    error
	}
)

// Results of the week and of sending.
type (
	weekLoadedMsg struct {
		week store.Week
		// plan is what the week's slots hold: planned posts, posts to
		// validate again, slots reserved for a topic.
		plan store.WeekPlan
		// urgent are the urgent sends queued in the week, with their
		// posts (urgentPosts, by id).
		urgent      []store.Send
		urgentPosts map[string]store.Post
		sends       map[string][]store.Send
		err         error
	}
	// weekChangedMsg follows a plan, an unplan, a swap or a resolution.
	weekChangedMsg struct {
		posts []store.Post
		say   string
		err   error
	}
	// dispatchedMsg is the report of a run of the due sends; asked says
	// a person started it (S, U): a text to paste is shown at once.
	dispatchedMsg struct {
		report sender.Report
		clip   string // the text the copy-and-paste destination needs
		asked  bool
		err    error
	}
	// pendingMsg is the list of the sends that wait for a person (to
	// paste, or of unknown outcome), with their posts by id.
	pendingMsg struct {
		sends []store.Send
		posts map[string]store.Post
		err   error
	}
	// settledMsg follows a person's word on sends to settle.
	settledMsg struct {
		sends []store.Send
		title string
		went  bool
		err   error
	}
	// copiedMsg says where a text to paste was copied again.
	copiedMsg struct {
		title  string
		copied bool   // the system clipboard took it
		why    string // why it did not, when it could have
	}
	// dispatchTick runs the due sends while the desk is open.
	dispatchTick struct{}
)

// Results of WhatsApp: the linked device, its channels, stats and
// corrections.
type (
	// waTickMsg is the connection's state, read in a command: the real
	// device looks at its files to tell.
	waTickMsg struct {
		state   sender.WAState
		account string
		tick    bool // the periodic reading: schedule the next one
	}
	linkStartedMsg struct {
		gen    int
		events <-chan sender.LinkEvent
		err    error
	}
	linkEventMsg struct {
		gen    int
		event  sender.LinkEvent
		closed bool
		events <-chan sender.LinkEvent
	}
	channelsMsg struct {
		channels []sender.Channel
		invite   bool // from an invite link: choose it at once
		err      error
	}
	// setupSavedMsg: the answers of the setup are in the settings file
	// (on the first run, with the sample week).
	setupSavedMsg struct {
		settings settings.Settings
		first    bool
		err      error
	}
	channelChosenMsg struct {
		channel    sender.Channel
		settings   settings.Settings
		dispatcher *sender.Dispatcher
		err        error
	}
	unlinkedMsg struct {
		state   sender.WAState
		account string
		err     error
	}
	statsTickMsg struct{}
	// statsMsg carries every post's stats after a reading (or at load).
	statsMsg struct {
		stats  map[string]store.PostStats
		read   int  // posts whose stats were read now
		asked  bool // a person asked: say what came of it
		err    error
		loaded bool // read from the file only
	}
	correctedMsg struct {
		post     store.Post
		pubs     []store.Publication
		withdraw bool
		err      error
	}
)

// Results of the editorial meeting, of the feeds and of the reserved
// slots.
type (
	// meetingLoadedMsg is the meeting the screen shows and its agenda.
	meetingLoadedMsg struct {
		at        time.Time
		recorded  bool // a record of the meeting is in the file
		attendees []string
		agenda    meeting.Agenda
		err       error
	}
	// meetingSavedMsg follows the record of who is there.
	meetingSavedMsg struct {
		meeting store.Meeting
		err     error
	}
	// decidedMsg is a topic the meeting decided, as the store returned
	// it, and whether a validated post went into its reserved slot.
	decidedMsg struct {
		post   store.Post
		queued store.Queued
		err    error
	}
	// viewsTypedMsg follows the views a person typed in for a sent post.
	viewsTypedMsg struct {
		title string
		views int
		err   error
	}
	// minutesMsg is the minutes drawn by glamour for the request gen.
	minutesMsg struct {
		gen  int
		text string
		err  error
	}
	minutesWrittenMsg struct {
		path string
		err  error
	}
	// feedsMsg is what a reading of the feeds added.
	feedsMsg struct {
		added  int
		failed []string // "name: why", one per feed that failed
		asked  bool     // a person pressed the key: say what came of it
		err    error
	}
	// feedsTick reads the feeds while the desk is open and online; next
	// marks the periodic one, which schedules the one after.
	feedsTick struct{ next bool }
	// lateMsg is the reserved slots a person must decide about.
	lateMsg struct {
		late []store.Reservation
		err  error
	}
	// lateTick reads them again as time passes.
	lateTick struct{}
)

// Results of the backlog's filter, worked out in the background.
type (
	// signedMsg carries the signatures of the keys as they were at
	// generation gen.
	signedMsg struct {
		gen  uint64
		sigs []uint64
	}
	// filteredMsg carries the matches of query, found from scratch (all)
	// or from the last step, for keys of generation gen.
	filteredMsg struct {
		gen     uint64
		query   string
		all     bool
		matches []int32
	}
)

// Requests, routed at once.
type (
	// showMsg opens the week, the WhatsApp screen or the help of the
	// screen showing.
	showMsg struct{ to screen }
	// closeMsg closes the screen showing, back to the one it came from.
	closeMsg struct{}
	// closeEditorMsg closes the editor; discard drops its working copy.
	closeEditorMsg struct{ discard bool }
	// quitMsg leaves the desk, asking first when typing is unsaved.
	quitMsg struct{}
	// askMsg asks a question on the footer line.
	askMsg confirm
	// urgentMsg asks why a post must go out at once.
	urgentMsg struct{ post store.Summary }
	// pickMsg opens the list of validated posts for the week's empty slot.
	pickMsg struct{}
	// sendNowMsg sends a planned post at once, in place of its slot.
	sendNowMsg struct{ id string }
	// pendingOpenMsg opens the sends to settle on the given send.
	pendingOpenMsg struct{ send string }
)

// afterSave says what the desk does once a save has landed.
type afterSave int

const (
	stayInEditor afterSave = iota
	closeEditor
	quitDesk
)
