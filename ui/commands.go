package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/message"
	"crieur/sender"
	"crieur/store"
)

// The desk's work with the store and the network: each a tea.Cmd whose
// result comes back to Update as a message (messages.go). A command
// reads what it needs from the desk when it is made, never the desk
// itself when it runs.

// firstRows is how many of the newest posts the desk reads and draws
// before the rest of the backlog: more than a screen of any terminal.
const firstRows = 200

// firstRowsCmd reads the newest posts alone: a few summaries at the end
// of the file, in the same time whatever the number of posts.
func (d *desk) firstRowsCmd() tea.Cmd {
	st, shared := d.st, d.shared
	return func() tea.Msg {
		if shared != nil {
			if x := shared.current(); x != nil {
				return firstRowsMsg{index: x}
			}
		}
		backlog, err := st.Newest(firstRows)
		return firstRowsMsg{backlog: backlog, err: err}
	}
}

// loadCmd reads the whole backlog again, once the working copies left by
// a crash are recovered and the validations the settings undo are undone.
func (d *desk) loadCmd() tea.Cmd { return d.loadWith(true) }

// loadWith reads the whole backlog. On the team desk, the sessions share
// one index: a session opening takes it as it is, kept up to date by the
// changes the sessions tell each other (not fresh); one told that the
// file changed otherwise takes a reading begun since (fresh).
func (d *desk) loadWith(fresh bool) tea.Cmd {
	st, delay, shared := d.st, backlogDelay(), d.shared
	var asked uint64
	if shared != nil {
		asked = shared.asked()
	}
	return func() tea.Msg {
		time.Sleep(delay) // in the end-to-end tests' build alone
		n, err := st.RecoverWorking()
		if err != nil {
			return loadedMsg{err: err}
		}
		// A setting may have changed what validated posts send since the
		// desk last ran: those go back to ready, and the desk says so.
		invalidated, err := st.Revalidate()
		if err != nil {
			return loadedMsg{err: err}
		}
		if shared != nil {
			x, err := shared.read(st, asked, fresh)
			return loadedMsg{index: x, recovered: n, invalidated: invalidated, err: err}
		}
		backlog, err := st.Backlog()
		return loadedMsg{backlog: backlog, recovered: n, invalidated: invalidated, err: err}
	}
}

// settleCmd runs the program's Settle once the backlog is on screen.
func (d *desk) settleCmd() tea.Cmd { return policyCmd(d.settle) }

// tidyCmd runs the program's Tidy once a filter is done with.
func (d *desk) tidyCmd() tea.Cmd { return policyCmd(d.tidy) }

// policyCmd runs one of the program's memory policies off the desk's
// loop; none when the program set none.
func policyCmd(policy func()) tea.Cmd {
	if policy == nil {
		return nil
	}
	return func() tea.Msg {
		policy()
		return nil
	}
}

// backupCmd makes today's backup, once a day, in a read transaction that
// lets the desk go on meanwhile.
func (d *desk) backupCmd() tea.Cmd {
	st := d.st
	return func() tea.Msg {
		path, err := st.DailyBackup()
		return backupMsg{path: path, err: err}
	}
}

// backedUp says when the day's backup failed.
func (d *desk) backedUp(msg backupMsg) {
	if msg.err != nil {
		d.fail(fmt.Sprintf(d.t.MsgBackupFailed, firstLine(msg.err.Error())))
	}
}

func (d *desk) openCmd(id string) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil {
			return openedMsg{err: err}
		}
		w, ok, err := st.Working(id)
		if err != nil || !ok || store.SameContent(w, p) {
			return openedMsg{post: p, err: err}
		}
		return openedMsg{post: p, working: &w}
	}
}

func (d *desk) saveCmd(p store.Post, prev uint64, after afterSave) tea.Cmd {
	st, conf, limits, now := d.st, d.settings, d.limits(p), d.now
	return func() tea.Msg {
		// The picture the image field names is taken in with the post:
		// read here, limited and with a deadline, before the store's
		// transaction; the checks then count what was found.
		if taken := sender.TakePicture(context.Background(), p); taken.Picture != p.Picture {
			p = taken
			p.Problems = message.Errors(sender.Check(p, conf, limits, now()))
		}
		saved, err := st.SavePost(p)
		return savedMsg{post: saved, tried: p, was: p.Status, prev: prev, after: after, err: err}
	}
}

// How a save over a newer revision made elsewhere ends: the text typed
// here on top, or the other one back on top; both stay in the history.
const (
	overMine = iota + 1
	overTheirs
)

// saveOverCmd saves p over the newer revision someone else saved while it
// was typed here; with overTheirs, that revision is then restored on top.
func (d *desk) saveOverCmd(p store.Post, after afterSave, over int) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		theirs, err := st.Post(p.ID)
		if err != nil {
			return savedMsg{tried: p, err: err}
		}
		saved, err := st.SaveOver(p)
		if err == nil && over == overTheirs && saved.Rev != theirs.Rev {
			saved, err = st.Restore(p.ID, theirs.Rev)
		}
		return savedMsg{post: saved, tried: p, was: theirs.Status, prev: p.Rev, after: after, over: over, err: err}
	}
}

func (d *desk) workingCmd(p store.Post) tea.Cmd {
	st, now := d.st, d.now
	return func() tea.Msg {
		return workingMsg{at: now(), err: st.SaveWorking(p)}
	}
}

func (d *desk) discardCmd(id string, then tea.Cmd) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		if err := st.DiscardWorking(id); err != nil {
			return changedMsg{err: err}
		}
		if then != nil {
			return then()
		}
		return nil
	}
}

func (d *desk) autosaveTick(gen int) tea.Cmd {
	if d.autosave <= 0 {
		return nil
	}
	return tea.Tick(d.autosave, func(time.Time) tea.Msg { return autosaveMsg{gen} })
}

func (d *desk) statusCmd(id string, to store.Status) tea.Cmd {
	st, t := d.st, d.t
	return func() tea.Msg {
		p, err := st.SetStatus(id, to)
		return changedMsg{post: p, format: fmt.Sprintf(t.MsgStatus, "%s", t.Status(string(to))), err: err}
	}
}

func (d *desk) archiveCmd(id string) tea.Cmd {
	st, t := d.st, d.t
	return func() tea.Msg {
		p, err := st.Archive(id)
		format := t.MsgArchived
		if p.Status != store.StatusArchived {
			format = t.MsgUnarchived
		}
		return changedMsg{post: p, format: format, err: err}
	}
}

func (d *desk) revisionsCmd(id string) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil {
			return revisionsMsg{err: err}
		}
		revs, err := st.Revisions(id)
		if err != nil {
			return revisionsMsg{err: err}
		}
		events, err := st.Events(id)
		if err != nil {
			return revisionsMsg{err: err}
		}
		sends, err := st.Sends(id)
		return revisionsMsg{post: p, revs: revs, events: events, sends: sends, err: err}
	}
}

func (d *desk) restoreCmd(id string, rev uint64) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		before, err := st.Post(id)
		if err != nil {
			return restoredMsg{err: err}
		}
		p, err := st.Restore(id, rev)
		return restoredMsg{post: p, was: before.Status, from: rev, err: err}
	}
}

// duplicateCmd copies a post as a new draft, for a topic that comes back.
func (d *desk) duplicateCmd(id string) tea.Cmd {
	st, who, suffix := d.st, d.settings.Desk.Name, d.t.Plan.CopySuffix
	return func() tea.Msg {
		from, err := st.Post(id)
		if err != nil {
			return duplicatedMsg{err: err}
		}
		p, err := st.Duplicate(id, who, suffix)
		return duplicatedMsg{post: p, from: from, err: err}
	}
}

func (d *desk) deleteSamplesCmd() tea.Cmd {
	st := d.st
	return func() tea.Msg {
		n, err := st.DeleteSamples()
		return samplesDeletedMsg{n: n, err: err}
	}
}

func (d *desk) loadPreviewCmd(id string) tea.Cmd {
	st := d.st
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil || p.Status != store.StatusSent {
			return previewMsg{post: p, err: err}
		}
		pubs, err := st.Publications(id)
		return previewMsg{post: p, pubs: pubs, err: err}
	}
}

// externalCmd writes the body to a temporary file for the person's own
// editor.
func externalCmd(id, body string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "crieur-"+id+"-*.txt")
		if err != nil {
			return externalReadyMsg{err: err}
		}
		_, werr := f.WriteString(body)
		cerr := f.Close()
		if werr != nil || cerr != nil {
			os.Remove(f.Name())
			return externalReadyMsg{err: fmt.Errorf("write %s: %v %v", f.Name(), werr, cerr)}
		}
		cmd, err := editorCommand(f.Name())
		if err != nil {
			os.Remove(f.Name())
		}
		return externalReadyMsg{cmd: cmd, path: f.Name(), err: err}
	}
}

// runExternal hands the terminal to the person's editor, then reads the
// body back.
func runExternal(msg externalReadyMsg) tea.Cmd {
	path := msg.path
	return tea.ExecProcess(msg.cmd, func(err error) tea.Msg {
		defer os.Remove(path)
		if err != nil {
			return externalMsg{err: err}
		}
		data, err := os.ReadFile(path)
		return externalMsg{body: string(data), err: err}
	})
}

func (d *desk) loadToValidateCmd(id string, revoke bool) tea.Cmd {
	st, lead := d.st, d.settings.LeadTime()
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil || revoke {
			return toValidateMsg{post: p, revoke: revoke, err: err}
		}
		goes, err := st.GoesAt(id, lead)
		return toValidateMsg{post: p, goes: goes, err: err}
	}
}

func (d *desk) validateCmd(id string, rev uint64) tea.Cmd {
	// A planned post edited since its validation goes back to its slot;
	// a post whose slot a meeting reserved goes into it, unless the slot
	// is too close or past.
	st, who, rule := d.st, d.who, d.planRule()
	return func() tea.Msg {
		p, q, err := st.ValidateAndQueue(id, rev, who, rule)
		return validatedMsg{post: p, queued: q, err: err}
	}
}

func (d *desk) revokeCmd(id string) tea.Cmd {
	st, who := d.st, d.who
	return func() tea.Msg {
		p, err := st.Revoke(id, who)
		return validatedMsg{post: p, revoked: true, err: err}
	}
}

// cardMaxAge is how old a kept card may be before opening the post reads
// the page again.
const cardMaxAge = 24 * time.Hour

// fetchCardCmd reads the card of p's stored link when there is a client
// and the card is missing or old, or always when asked. When the desk is
// online, the page a post links to is read in the background for its
// OpenGraph title, description and image, and the result is kept on the
// post; offline the card shows the link's domain.
func (d *desk) fetchCardCmd(p store.Post, asked bool) tea.Cmd {
	if !d.canFetchCard(p) {
		return nil
	}
	allowed := d.settings.Channel.AllowedDomains
	if !asked && !sender.CardAllowed(p.Link, allowed) {
		return nil // the checks say what is wrong with the link
	}
	if c := p.CardFor(); c != nil && !asked && d.now().Sub(c.Fetched) < cardMaxAge {
		return nil
	}
	cards, st, now, id, link := d.cards, d.st, d.now, p.ID, p.Link
	// WhatsApp shows the thumbnail the sender gives: it is read with the
	// card, so that what is validated is what goes out.
	thumbnail := d.waConfigured()
	return func() tea.Msg {
		card, err := cards.Read(context.Background(), id, link, allowed, thumbnail, now())
		if err != nil {
			return cardFetchedMsg{id: id, err: err, asked: asked}
		}
		saved, err := st.SetCard(id, card)
		return cardFetchedMsg{id: id, card: card, err: err, asked: asked, stored: err == nil, post: saved}
	}
}

// canFetchCard says whether the desk can read the card of p: online, and
// a stored post with a link.
func (d *desk) canFetchCard(p store.Post) bool {
	return d.cards != nil && p.Rev > 0 && p.Link != ""
}

// statsEvery is how often the open desk reads the views and reactions of
// what it published on WhatsApp.
const statsEvery = 15 * time.Minute

// statsTimeout bounds one reading of the stats.
const statsTimeout = time.Minute

// loadStatsCmd reads the stats kept in the file, for the backlog.
func (d *desk) loadStatsCmd() tea.Cmd {
	st := d.st
	return func() tea.Msg {
		stats, err := st.AllStats()
		return statsMsg{stats: stats, err: err, loaded: true}
	}
}

// refreshStatsCmd asks WhatsApp for the stats of every published post.
func (d *desk) refreshStatsCmd(asked bool) tea.Cmd {
	p, st := d.publishing(), d.st
	if p == nil {
		if asked {
			return func() tea.Msg { return statsMsg{asked: true, err: errNoWhatsApp} }
		}
		return nil
	}
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), statsTimeout)
		defer cancel()
		n, err := p.RefreshStats(ctx)
		stats, lerr := st.AllStats()
		return statsMsg{stats: stats, read: n, asked: asked, err: errors.Join(err, lerr)}
	}
}

var errNoWhatsApp = errors.New("no WhatsApp destination")

// statsTickCmd schedules the next reading of the stats, when the desk
// publishes on WhatsApp; it notes whether one is scheduled.
func (d *desk) statsTickCmd() tea.Cmd {
	d.statsTicking = d.wa != nil && d.waConfigured()
	if !d.statsTicking {
		return nil
	}
	return tea.Tick(statsEvery, func(time.Time) tea.Msg { return statsTickMsg{} })
}

func (d *desk) correctCmd(id string, withdraw bool) tea.Cmd {
	p, st, who := d.publishing(), d.st, d.who
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), waTimeout)
		defer cancel()
		var err error
		if withdraw {
			err = p.Withdraw(ctx, id, who)
		} else {
			err = p.Correct(ctx, id, who)
		}
		post, gerr := st.Post(id)
		pubs, perr := st.Publications(id)
		if err == nil {
			err = errors.Join(gerr, perr)
		}
		return correctedMsg{post: post, pubs: pubs, withdraw: withdraw, err: err}
	}
}
