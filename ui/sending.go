package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/sender"
	"crieur/store"
)

// Sending: the due sends run while the desk is open, a planned post can
// go at once, and an urgent one outside the slots. The desk owns this
// state, whatever screen shows.

// dispatchEvery is how often the open desk looks for due sends.
const dispatchEvery = 30 * time.Second

// dispatchCmd runs the due sends through the back-ends. A copy-and-paste
// send leaves its text for the desk to put on the terminal's clipboard
// (the back-end puts it on the system's, where there is one).
func (d *desk) dispatchCmd() tea.Cmd { return d.runCmd(false) }

// runCmd is dispatchCmd; asked says a person started the run (S, U).
func (d *desk) runCmd(asked bool) tea.Cmd {
	dp, st, settings := d.dispatcher, d.st, d.settings
	if dp == nil {
		return nil
	}
	return func() tea.Msg {
		report, err := dp.RunDue(context.Background())
		msg := dispatchedMsg{report: report, asked: asked, err: err}
		for _, r := range report.Sends {
			if r.Result != sender.ResultToPaste {
				continue
			}
			if p, err := st.Post(r.PostID); err == nil {
				msg.clip = sender.Build(p, settings).Text
			}
		}
		return msg
	}
}

func (d *desk) dispatchTickCmd() tea.Cmd {
	if d.dispatcher == nil {
		return nil
	}
	return tea.Tick(dispatchEvery, func(time.Time) tea.Msg { return dispatchTick{} })
}

// sendNow sends a planned post now.
func (d *desk) sendNow(id string) tea.Cmd {
	d.sending = true
	return d.sendNowCmd(id)
}

// sendNowCmd queues a planned post for now, to every destination, in
// place of what was queued for its slot, and runs the due sends.
func (d *desk) sendNowCmd(id string) tea.Cmd {
	return d.sendAtOnceCmd(id, false, "")
}

// sendAtOnceCmd queues a post for now and runs the due sends; an urgent
// send records its reason. A planned post goes now instead of at its
// slot: what was queued for the slot is cancelled in the same
// transaction.
func (d *desk) sendAtOnceCmd(id string, urgent bool, reason string) tea.Cmd {
	st, dests, now := d.st, d.settings.DestinationNames(), d.now
	run := d.runCmd(true)
	return func() tea.Msg {
		if _, err := st.SendNow(id, dests, now(), urgent, reason); err != nil {
			return dispatchedMsg{err: err}
		}
		return run()
	}
}

// dispatched takes the report of a run of the due sends, and says
// whether it changed posts or sends, and which text to paste to show.
func (d *desk) dispatched(msg dispatchedMsg) (cmd tea.Cmd, changed bool, paste string) {
	d.sending = false
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return nil, true, ""
	}
	d.reportSends(msg.report)
	if len(msg.report.Sends) == 0 && msg.report.Recovered == 0 {
		// Nothing was due: nothing changed, and reloading the backlog
		// every time would hold a second copy of it in memory.
		return nil, false, ""
	}
	if msg.clip != "" {
		cmd = tea.SetClipboard(msg.clip)
	}
	if msg.asked {
		for _, r := range msg.report.Sends {
			if r.Result == sender.ResultToPaste {
				paste = r.SendID
			}
		}
	}
	return cmd, true, paste
}

// dispatchTicked runs the due sends, unless a run is under way, and
// schedules the next look.
func (d *desk) dispatchTicked() tea.Cmd {
	if d.sending {
		return d.dispatchTickCmd()
	}
	d.sending = true
	return tea.Batch(d.dispatchCmd(), d.dispatchTickCmd())
}

// reportSends says what a run of the due sends did, in one line.
func (d *desk) reportSends(r sender.Report) {
	if len(r.Sends) == 0 && r.Recovered == 0 {
		if r.Retargeted > 0 {
			d.say(d.t.N(d.t.MsgRetargeted, r.Retargeted, strings.Join(d.settings.DestinationNames(), ", ")))
		}
		return
	}
	var sent, waiting, problems, orphaned int
	for _, s := range r.Sends {
		switch {
		case s.Result == sender.ResultOrphaned:
			orphaned++
		case s.Result == sender.ResultSent:
			sent++
		case s.Result == sender.ResultWaiting:
			waiting++
		case s.Result == sender.ResultToPaste:
			// copy and paste: waits for the person's word
		default:
			problems++
		}
	}
	for _, s := range r.Sends {
		if s.Result == sender.ResultToPaste && problems+r.Recovered == 0 {
			d.say(fmt.Sprintf(d.t.Settle.MsgPaste, d.title(s.Title), d.copiedWhere(s.Copied, s.NotCopied)))
			return
		}
	}
	if orphaned > 0 {
		d.fail(d.t.N(d.t.MsgOrphaned, orphaned))
		return
	}
	text := fmt.Sprintf(d.t.MsgSendsRun, d.t.N(d.t.SendsGone, sent), d.t.N(d.t.SendsWaiting, waiting),
		d.t.N(d.t.SendsToCheck, problems+r.Recovered))
	// The first send that needs a person says why, in the person's words.
	for _, s := range r.Sends {
		if s.Result.Problem() && s.Result != sender.ResultOrphaned {
			text += " " + fmt.Sprintf(d.t.SendErrors.Why, visible(s.Destination), d.sendError(string(s.Code), s.HTTP, s.Err))
			break
		}
	}
	if problems+r.Recovered > 0 {
		d.fail(text)
	} else {
		d.say(text)
	}
}

// sendError says why a send did not go as planned, from its code, in the
// desk's language.
func (d *desk) sendError(code string, status int, detail string) string {
	return visible(d.t.SendError(code, status, firstLine(detail)))
}

// weekChanged says what a plan, an unplan, a swap or a resolution did.
func (d *desk) weekChanged(msg weekChangedMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
	} else {
		d.say(visible(msg.say))
	}
}

func (d *desk) loadWeekCmd(w store.Week) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		plan, err := st.Slots(w.Start, w.End())
		if err != nil {
			return weekLoadedMsg{err: err}
		}
		urgent, err := st.Urgent(w.Start, w.End())
		if err != nil {
			return weekLoadedMsg{err: err}
		}
		msg := weekLoadedMsg{week: w, plan: plan, urgent: urgent, urgentPosts: map[string]store.Post{}, sends: map[string][]store.Send{}}
		for _, snd := range urgent {
			if _, ok := msg.urgentPosts[snd.Post]; ok {
				continue
			}
			p, err := st.Post(snd.Post)
			if err != nil {
				return weekLoadedMsg{err: err}
			}
			msg.urgentPosts[snd.Post] = p
		}
		for _, p := range append(append([]store.Post(nil), plan.Planned...), plan.Again...) {
			s, err := st.Sends(p.ID)
			if err != nil {
				return weekLoadedMsg{err: err}
			}
			msg.sends[p.ID] = s
		}
		return msg
	}
}

// planCmd puts a post in a slot and queues it, at the slot's time, to
// every destination, in one transaction.
func (d *desk) planCmd(id string, at time.Time) tea.Cmd {
	st, dests, t, goes := d.st, d.settings.DestinationNames(), d.t, d.goes(at)
	return func() tea.Msg {
		p, _, err := st.PlanAndQueue(id, at, dests)
		return weekChangedMsg{posts: []store.Post{p}, say: fmt.Sprintf(t.Plan.MsgPlanned, p.Title, goes), err: err}
	}
}

// releaseCmd gives back the slot a meeting reserved for a post: a person
// decided the topic will not fill it.
func (d *desk) releaseCmd(id string) tea.Cmd {
	st, who, t := d.st, d.who, d.t
	return func() tea.Msg {
		p, err := st.Release(id, who)
		return weekChangedMsg{posts: []store.Post{p}, say: fmt.Sprintf(t.Meet.Screen.Released, p.Title), err: err}
	}
}

func (d *desk) unplanCmd(id string) tea.Cmd {
	st, t := d.st, d.t
	return func() tea.Msg {
		p, err := st.Unplan(id)
		return weekChangedMsg{posts: []store.Post{p}, say: fmt.Sprintf(t.MsgUnplanned, p.Title), err: err}
	}
}

// moveCmd moves a planned post to a free slot to come, its sends with it.
func (d *desk) moveCmd(id string, to time.Time) tea.Cmd {
	st, t, goes := d.st, d.t, d.goes(to)
	return func() tea.Msg {
		p, err := st.Move(id, to)
		return weekChangedMsg{posts: []store.Post{p}, say: fmt.Sprintf(t.Plan.MsgMoved, p.Title, goes), err: err}
	}
}

func (d *desk) swapCmd(a, b string) tea.Cmd {
	st, t := d.st, d.t
	return func() tea.Msg {
		pa, pb, err := st.Swap(a, b)
		return weekChangedMsg{posts: []store.Post{pa, pb}, say: t.MsgSwapped, err: err}
	}
}
