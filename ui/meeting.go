package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"crieur/meeting"
	"crieur/settings"
	"crieur/store"
)

// meetStep is where the meeting screen stands: who is there, the agenda,
// a decision being made, the views of a sent post being typed, or the
// minutes.
type meetStep int

const (
	stepAttendees meetStep = iota
	stepAgenda
	stepSlot   // this week: the slot
	stepWriter // this week: who writes it
	stepAngle  // this week: the angle
	stepWeek   // later: the week
	stepReason // dropped: why
	stepViews  // the views read on the phone
	stepMinutes
)

// meetingScreen is the Tuesday editorial meeting. It opens on who is
// there, then shows the agenda: the topics by source (the team's own
// ideas, then each feed), newest first, beside the coming week's slots
// and what went out over the last weeks. One key on a topic decides it:
// this week (a slot, who writes it, the angle), later (a week), dropped
// (a reason). The minutes are drawn by glamour and written to a file.
type meetingScreen struct {
	at       time.Time // when the meeting is held: its record's key
	recorded bool      // the meeting is in the file: who is there was confirmed
	loaded   bool
	team     []settings.Member
	present  map[string]bool
	members  listCursor

	agenda       meeting.Agenda
	lines        []agendaLine // the sources and their topics, as shown
	topics       listCursor   // over lines; it lands on topics only
	results      listCursor
	focusResults bool

	step    meetStep
	post    store.Post  // the topic being decided, or whose views are typed
	draft   store.Topic // the decision being made
	choices []choice    // the list of the step: slots, writers or weeks
	choice  listCursor
	input   textinput.Model

	minutesGen   int
	minutesText  string
	minutesReady bool
	scroll       listCursor
}

// agendaLine is one line of the agenda's list: a source's name, one of
// its topics, or the note that it brought nothing.
type agendaLine struct {
	source string
	header bool
	empty  bool
	post   store.Post
}

func (l agendaLine) topic() bool { return !l.header && !l.empty }

// choice is one line of a list of the meeting: a slot, a member or a week.
type choice struct {
	label, note string
	off         bool // cannot be chosen: the slot is taken
	slot        time.Time
	name        string
	week        string
}

// newMeeting opens the meeting: this week's, if one is recorded, else a
// new one held now.
func newMeeting(d *desk) (*meetingScreen, tea.Cmd) {
	ms := &meetingScreen{
		at:      d.now().In(d.loc).Truncate(time.Minute),
		team:    d.settings.Team(d.who),
		present: map[string]bool{},
	}
	for _, m := range ms.team {
		if m.Name == d.who {
			ms.present[m.Name] = true // the person at the desk is there
		}
	}
	return ms, d.loadMeetingCmd(ms.at, true)
}

// load takes the meeting and its agenda as the store read them; the
// selected topic stays selected.
func (ms *meetingScreen) load(d *desk, msg meetingLoadedMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		ms.loaded = true
		return
	}
	if !ms.loaded && msg.recorded {
		ms.present = map[string]bool{}
		for _, n := range msg.attendees {
			ms.present[n] = true
		}
	}
	ms.loaded = true
	ms.at = msg.at
	ms.recorded = ms.recorded || msg.recorded
	selected := ""
	if p, ok := ms.selectedTopic(); ok {
		selected = p.ID
	}
	ms.agenda = msg.agenda
	ms.layout(d, selected)
}

// layout lays the agenda's sources and topics out as lines and puts the
// cursor back on the topic selected, else on the first.
func (ms *meetingScreen) layout(d *desk, selected string) {
	ms.lines = ms.lines[:0]
	for _, src := range ms.agenda.Sources {
		ms.lines = append(ms.lines, agendaLine{source: src.Name, header: true})
		if len(src.Topics) == 0 {
			ms.lines = append(ms.lines, agendaLine{source: src.Name, empty: true})
		}
		for _, p := range src.Topics {
			ms.lines = append(ms.lines, agendaLine{source: src.Name, post: p})
		}
	}
	cursor := -1
	for i, l := range ms.lines {
		if l.topic() && (cursor < 0 || l.post.ID == selected) {
			cursor = i
			if l.post.ID == selected {
				break
			}
		}
	}
	ms.topics.cursor = max(cursor, 0)
	ms.keepVisible(d)
	ms.results.clamp(len(ms.agenda.Results), len(ms.agenda.Results))
	if len(ms.agenda.Results) == 0 {
		ms.focusResults = false
	}
}

// listRows is how many lines of the agenda's list show in a column of ch
// lines: less its title, a blank line and the detail of the topic.
func listRows(ch int) int { return max(ch-2-detailRows(ch), 1) }

// detailRows is how many lines the detail of the selected topic takes.
func detailRows(ch int) int {
	if ch < 28 {
		return 3
	}
	return 6
}

// columnHeight is the height of the agenda's columns: the screen less the
// title, the footer and the line of who is there.
func columnHeight(d *desk) int { return max(d.height-3, 1) }

// keepVisible keeps the selected topic on screen, with its source's name
// when it is the first of its source.
func (ms *meetingScreen) keepVisible(d *desk) {
	rows := listRows(columnHeight(d))
	ms.topics.clamp(len(ms.lines), rows)
	if c := ms.topics.cursor; c > 0 && ms.topics.offset == c && ms.lines[c-1].header {
		ms.topics.offset--
	}
}

func (ms *meetingScreen) selectedTopic() (store.Post, bool) {
	c := ms.topics.cursor
	if c < 0 || c >= len(ms.lines) || !ms.lines[c].topic() {
		return store.Post{}, false
	}
	return ms.lines[c].post, true
}

func (ms *meetingScreen) selectedResult() (meeting.Result, bool) {
	c := ms.results.cursor
	if c < 0 || c >= len(ms.agenda.Results) {
		return meeting.Result{}, false
	}
	return ms.agenda.Results[c], true
}

// moveTopic moves the cursor to the topic delta topics away, or to the
// first or last with delta beyond them.
func (ms *meetingScreen) moveTopic(d *desk, delta int) {
	c := ms.topics.cursor
	step := 1
	if delta < 0 {
		step, delta = -1, -delta
	}
	for i := c + step; i >= 0 && i < len(ms.lines) && delta > 0; i += step {
		if ms.lines[i].topic() {
			c = i
			delta--
		}
	}
	ms.topics.cursor = c
	ms.keepVisible(d)
}

// decidable says whether a meeting can decide about a post: an idea or a
// post not yet planned.
func decidable(s store.Status) bool {
	switch s {
	case store.StatusIdea, store.StatusDraft, store.StatusReady, store.StatusValidated:
		return true
	}
	return false
}

// postChanged puts a post as the store returned it on the agenda's line
// that shows it.
func (ms *meetingScreen) postChanged(p store.Post) {
	for i := range ms.lines {
		if ms.lines[i].topic() && ms.lines[i].post.ID == p.ID {
			ms.lines[i].post = p
		}
	}
}

// saved takes the record of who is there: the agenda follows.
func (ms *meetingScreen) saved(d *desk, msg meetingSavedMsg) tea.Cmd {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return nil
	}
	ms.recorded, ms.at = true, msg.meeting.At
	ms.step = stepAgenda
	d.say(fmt.Sprintf(d.t.Meet.Screen.Started, strings.Join(msg.meeting.Attendees, ", ")))
	return d.loadMeetingCmd(ms.at, false)
}

// attendees are the names ticked, in the team's order.
func (ms *meetingScreen) attendees() []string {
	var out []string
	for _, m := range ms.team {
		if ms.present[m.Name] {
			out = append(out, m.Name)
		}
	}
	return out
}

func (ms *meetingScreen) keyMap(d *desk) keyMap {
	switch ms.step {
	case stepAttendees:
		k := d.keys.attendees
		enable(len(ms.team) > 0, &k.Toggle, &k.Start)
		return k
	case stepSlot, stepWriter, stepWeek:
		return d.keys.choice
	case stepAngle, stepReason, stepViews:
		return d.keys.input
	case stepMinutes:
		return ms.minutesKeys(d)
	}
	return ms.agendaKeys(d)
}

// minutesKeys are the minutes' keys: on the team desk, writing them is a
// validator's.
func (ms *meetingScreen) minutesKeys(d *desk) minutesKeys {
	k := d.keys.minutes
	enable(d.may(actPlan), &k.Write)
	return k
}

func (ms *meetingScreen) agendaKeys(d *desk) meetingKeys {
	k := d.keys.meeting
	p, ok := ms.selectedTopic()
	// On the team desk, the meeting's decisions and records are a
	// validator's; a writer sees the agenda and brings ideas (the feeds).
	decides := d.may(actPlan)
	enable(ok && !ms.focusResults && decidable(p.Status) && decides, &k.ThisWeek, &k.Later, &k.Drop)
	r, ok := ms.selectedResult()
	enable(ms.focusResults && ok && (!r.Known || r.Stats.Typed) && decides, &k.TypeViews)
	enable(decides, &k.Team)
	enable(len(ms.agenda.Results) > 0, &k.Pane)
	enable(d.canReadFeeds(), &k.Feeds)
	enable(len(d.pendingSends) > 0, &k.Pending)
	return k
}

func (ms *meetingScreen) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	switch ms.step {
	case stepAttendees:
		return ms.attendeesKey(d, k)
	case stepSlot, stepWriter, stepWeek:
		return ms.choiceKey(d, k)
	case stepAngle, stepReason, stepViews:
		return ms.inputKey(d, k), nil
	case stepMinutes:
		return ms.minutesKey(d, k)
	}
	return ms.agendaKey(d, k)
}

func (ms *meetingScreen) attendeesKey(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := d.keys.attendees
	n := len(ms.team)
	switch {
	case key.Matches(k, keys.Down):
		ms.members.move(1, n, n)
	case key.Matches(k, keys.Up):
		ms.members.move(-1, n, n)
	case key.Matches(k, keys.Toggle) && n > 0:
		name := ms.team[ms.members.cursor].Name
		ms.present[name] = !ms.present[name]
	case key.Matches(k, keys.Start) && n > 0:
		names := ms.attendees()
		if len(names) == 0 {
			d.fail(d.t.Meet.Screen.NeedSomeone)
			return nil, nil
		}
		return d.saveMeetingCmd(ms.at, names), nil
	case key.Matches(k, keys.Close):
		if ms.recorded {
			ms.step = stepAgenda
			return nil, nil
		}
		return nil, closeMsg{}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

func (ms *meetingScreen) agendaKey(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := ms.agendaKeys(d)
	n := len(ms.agenda.Results)
	switch {
	case key.Matches(k, keys.Down, keys.Up, keys.Top, keys.Bottom):
		delta := map[bool]int{true: 1, false: -1}[key.Matches(k, keys.Down, keys.Bottom)]
		if key.Matches(k, keys.Top, keys.Bottom) {
			delta *= len(ms.lines) + n
		}
		if ms.focusResults {
			ms.results.move(delta, n, n)
		} else {
			ms.moveTopic(d, delta)
		}
	case key.Matches(k, keys.Pane):
		ms.focusResults = !ms.focusResults
	case key.Matches(k, keys.ThisWeek):
		return ms.startThisWeek(d), nil
	case key.Matches(k, keys.Later):
		ms.startLater(d)
	case key.Matches(k, keys.Drop):
		p, _ := ms.selectedTopic()
		ms.post, ms.draft = p, store.Topic{Decision: store.DecideDropped}
		return ms.startInput(d, stepReason, d.t.Meet.Screen.ReasonPlaceholder, ""), nil
	case key.Matches(k, keys.TypeViews):
		r, _ := ms.selectedResult()
		ms.post = r.Post
		value := ""
		if r.Known {
			value = strconv.Itoa(r.Stats.Views)
		}
		return ms.startInput(d, stepViews, d.t.Meet.Screen.ViewsPlaceholder, value), nil
	case key.Matches(k, keys.Team):
		ms.step = stepAttendees
	case key.Matches(k, keys.Minutes):
		ms.step = stepMinutes
		return ms.renderMinutes(d), nil
	case key.Matches(k, keys.Feeds):
		return d.readFeedsCmd(true), nil
	case key.Matches(k, keys.Pending):
		return nil, showMsg{screenPending}
	case key.Matches(k, keys.Close):
		return nil, closeMsg{}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

func (ms *meetingScreen) minutesKey(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := ms.minutesKeys(d)
	if ms.scroll.scrollKeyPress(k, keys.listKeys, strings.Count(ms.minutesText, "\n")+1, max(d.height-2, 1)) {
		return nil, nil
	}
	switch {
	case key.Matches(k, keys.Write):
		return d.writeMinutesCmd(ms.at), nil
	case key.Matches(k, keys.Back):
		ms.step = stepAgenda
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// renderMinutes asks for the minutes drawn at the screen's width; only
// the answer to the last request is taken.
func (ms *meetingScreen) renderMinutes(d *desk) tea.Cmd {
	ms.minutesGen++
	ms.minutesReady = false
	return d.minutesCmd(ms.minutesGen, ms.at, max(d.width-2, 20))
}

// minutesDrawn takes the minutes glamour drew.
func (ms *meetingScreen) minutesDrawn(d *desk, msg minutesMsg) {
	if msg.gen != ms.minutesGen {
		return
	}
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
	}
	ms.minutesText, ms.minutesReady = msg.text, true
	n := strings.Count(ms.minutesText, "\n") + 1
	ms.scroll.scroll(0, n, max(d.height-2, 1))
}

// redraw draws the minutes again for a new size or theme.
func (ms *meetingScreen) redraw(d *desk) tea.Cmd {
	if ms.step != stepMinutes {
		return nil
	}
	return ms.renderMinutes(d)
}

// heading is the right of the title line: the meeting, or its minutes.
func (ms *meetingScreen) heading(d *desk) string {
	w := &d.t.Meet.Screen
	when := d.t.DayAndTime(ms.at.In(d.loc))
	text := fmt.Sprintf(w.Heading, when)
	if ms.step == stepMinutes {
		text = fmt.Sprintf(w.MinutesHeading, when)
	}
	if d.feedsReading {
		text = w.FeedsReading + " · " + text
	}
	return d.styles.Muted.Render(text)
}
