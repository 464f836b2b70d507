package ui

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"crieur/store"
)

// Deciding a topic at the meeting: this week takes a slot, a writer and
// the angle, one step after another; later takes a week; dropped takes a
// reason. Each step shows beside the agenda, and esc goes back to it
// without deciding.

// weeksAhead is how many weeks a topic can be put off to.
const weeksAhead = 8

// startThisWeek offers the slots of the coming week that the topic can
// take: those to come, free, or already reserved for it.
func (ms *meetingScreen) startThisWeek(d *desk) tea.Cmd {
	p, ok := ms.selectedTopic()
	if !ok {
		return nil
	}
	w := &d.t.Meet.Screen
	ms.post, ms.draft = p, store.Topic{Decision: store.DecideThisWeek}
	if p.Topic != nil && p.Topic.Decision == store.DecideThisWeek {
		ms.draft.Writer, ms.draft.Angle = p.Topic.Writer, p.Topic.Angle
	}
	ms.choices = ms.choices[:0]
	first, now := -1, d.now()
	for _, sl := range ms.agenda.Slots {
		if !sl.At.After(now) {
			continue
		}
		c := choice{label: d.slotShort(sl.At), slot: sl.At, note: w.SlotFree}
		switch {
		case sl.Post != nil:
			c.off, c.note = true, fmt.Sprintf(w.SlotTaken, d.title(sl.Post.Title))
		case sl.Again != nil:
			c.off, c.note = true, fmt.Sprintf(w.SlotTaken, d.title(sl.Again.Title))
		case sl.Reserved != nil && sl.Reserved.ID != p.ID:
			c.off, c.note = true, fmt.Sprintf(w.SlotTaken, d.title(sl.Reserved.Title))
		case sl.Reserved != nil:
			c.note = fmt.Sprintf(d.t.Meet.Minutes.SlotReserved, d.title(p.Title), visible(writerOf(*sl.Reserved)))
			first = len(ms.choices)
		}
		if lead := d.settings.LeadTime(); !c.off && !sl.At.After(now.Add(lead)) {
			c.note += " · " + fmt.Sprintf(w.SlotSoon, d.duration(lead))
		}
		if !c.off && first < 0 {
			first = len(ms.choices)
		}
		ms.choices = append(ms.choices, c)
	}
	if first < 0 {
		d.fail(w.NoFreeSlot)
		return nil
	}
	ms.choice = listCursor{cursor: first}
	ms.step = stepSlot
	return nil
}

// writerOf is who writes a topic decided this week, "?" when nobody was
// named.
func writerOf(p store.Post) string {
	if p.Topic != nil && p.Topic.Writer != "" {
		return p.Topic.Writer
	}
	return "?"
}

// startWriters offers the team, those who are there first.
func (ms *meetingScreen) startWriters(d *desk) {
	roles := d.t.Meet.Screen.Roles
	ms.choices = ms.choices[:0]
	for _, here := range []bool{true, false} {
		for _, m := range ms.team {
			if ms.present[m.Name] == here {
				ms.choices = append(ms.choices, choice{label: visible(m.Name), note: roles[m.Role], name: m.Name})
			}
		}
	}
	ms.choice = listCursor{}
	for i, c := range ms.choices {
		if c.name == ms.draft.Writer {
			ms.choice.cursor = i
		}
	}
	ms.step = stepWriter
}

// startLater offers the weeks after the meeting's.
func (ms *meetingScreen) startLater(d *desk) {
	p, ok := ms.selectedTopic()
	if !ok {
		return
	}
	ms.post, ms.draft = p, store.Topic{Decision: store.DecideLater}
	ms.choices = ms.choices[:0]
	ms.choice = listCursor{}
	wk := store.WeekOf(ms.at, d.loc)
	for i := range weeksAhead {
		wk = wk.Next()
		label := fmt.Sprintf(d.t.Meet.Screen.WeekLine, wk.Number, d.dayMonth(wk.Start), d.dayMonth(wk.End().Add(-1)))
		ms.choices = append(ms.choices, choice{label: label, week: wk.String()})
		if p.Topic != nil && p.Topic.Decision == store.DecideLater && p.Topic.Week == wk.String() {
			ms.choice.cursor = i
		}
	}
	ms.step = stepWeek
}

// dayMonth is a day without its weekday: "30 nov.".
func (d *desk) dayMonth(t time.Time) string {
	t = t.In(d.loc)
	return fmt.Sprintf("%d %s", t.Day(), d.t.Months[t.Month()-1])
}

// startInput opens a line to type for the step: the angle, the reason,
// the views.
func (ms *meetingScreen) startInput(d *desk, step meetStep, placeholder, value string) tea.Cmd {
	in := textinput.New()
	in.Prompt = "› "
	in.Placeholder = placeholder
	in.CharLimit = 200
	if step == stepViews {
		in.CharLimit = 15
	}
	in.SetStyles(inputStyles(d.styles))
	_, rw := columns2(d.width)
	if d.width < 60 {
		rw = d.width
	}
	in.SetWidth(max(rw-4, 8))
	in.SetValue(value)
	in.CursorEnd()
	ms.input = in
	ms.step = step
	return ms.input.Focus()
}

func (ms *meetingScreen) choiceKey(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := d.keys.choice
	n := len(ms.choices)
	switch {
	case key.Matches(k, keys.Down):
		ms.choice.move(1, n, n)
	case key.Matches(k, keys.Up):
		ms.choice.move(-1, n, n)
	case key.Matches(k, keys.Cancel):
		ms.step = stepAgenda
	case key.Matches(k, keys.Choose):
		if ms.choice.cursor >= n {
			return nil, nil
		}
		c := ms.choices[ms.choice.cursor]
		switch ms.step {
		case stepSlot:
			if c.off {
				d.fail(d.t.Meet.Screen.SlotTakenErr)
				return nil, nil
			}
			ms.draft.Slot = c.slot
			ms.startWriters(d)
		case stepWriter:
			ms.draft.Writer = c.name
			return ms.startInput(d, stepAngle, d.t.Meet.Screen.AnglePlaceholder, ms.draft.Angle), nil
		case stepWeek:
			ms.draft.Week = c.week
			ms.step = stepAgenda
			return d.decideCmd(ms.at, ms.post.ID, ms.draft), nil
		}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// inputKey takes the keys while a line is typed: enter records what it
// is for, esc goes back to the agenda, anything else is typed.
func (ms *meetingScreen) inputKey(d *desk, k tea.KeyPressMsg) tea.Cmd {
	keys := d.keys.input
	switch {
	case key.Matches(k, keys.Cancel):
		ms.input.Blur()
		ms.step = stepAgenda
		return nil
	case key.Matches(k, keys.Submit):
		value := strings.TrimSpace(ms.input.Value())
		switch ms.step {
		case stepAngle:
			ms.draft.Angle = value
		case stepReason:
			if value == "" {
				return nil // a topic is dropped for a reason
			}
			ms.draft.Reason = value
		case stepViews:
			views, ok := parseViews(value)
			if !ok {
				d.fail(d.t.Meet.Screen.BadViews)
				return nil
			}
			ms.input.Blur()
			ms.step = stepAgenda
			return d.typeViewsCmd(ms.post.ID, ms.post.Title, views)
		}
		ms.input.Blur()
		ms.step = stepAgenda
		return d.decideCmd(ms.at, ms.post.ID, ms.draft)
	}
	return ms.forward(d, k)
}

// forward hands what is typed (keys, pastes) to the line being typed.
func (ms *meetingScreen) forward(d *desk, msg tea.Msg) tea.Cmd {
	switch ms.step {
	case stepAngle, stepReason, stepViews:
	default:
		return nil
	}
	var cmd tea.Cmd
	ms.input, cmd = ms.input.Update(msg)
	return cmd
}

// parseViews reads a count of views as a person types it: digits, with
// spaces, no-break spaces or dots between the thousands ("1 240").
func parseViews(s string) (int, bool) {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '\u00a0' || r == '\u202f' || r == '.' || r == ',':
			return -1
		case unicode.IsDigit(r) && r < 0x80:
			return r
		}
		return 'x'
	}, s)
	n, err := strconv.Atoi(digits)
	if digits == "" || err != nil || n < 0 || n > 1_000_000_000 {
		return 0, false
	}
	return n, true
}
