package sender

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"crieur/store"
)

// ErrNoWhatsApp is a whatsapp destination, or a correction, without a
// linked device to go through.
var ErrNoWhatsApp = errors.New("link WhatsApp first: crieur whatsapp link")

// statsBatch is how many messages one reading of the stats asks about.
const statsBatch = 50

// WhatsApp is the linked device the dispatcher's whatsapp destination
// posts through, nil when the settings have none.
func (d *Dispatcher) WhatsApp() WhatsApp {
	if d == nil {
		return nil
	}
	names := make([]string, 0, len(d.Backends))
	for name := range d.Backends {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if w, ok := d.Backends[name].(*WhatsAppBackend); ok && w.client != nil {
			return w.client
		}
	}
	return nil
}

func (d *Dispatcher) now() time.Time {
	if d.Now != nil {
		return d.Now()
	}
	return time.Now()
}

// timeout bounds one request of a correction, as the whatsapp
// destination's sends are bounded.
func (d *Dispatcher) timeout(image bool) time.Duration {
	for _, b := range d.Backends {
		if w, ok := b.(*WhatsAppBackend); ok {
			if image && !w.cfg.timeoutSet {
				return w.cfg.timeout * photoTimeoutMult
			}
			return w.cfg.timeout
		}
	}
	return defaultTimeout
}

// Correct sends the post's validated correction as an edit of each of its
// WhatsApp publications that does not show it yet. It refuses, before
// anything leaves, a correction that is not validated or no longer
// matches its validation, one identical to what is published, one that
// changes the image (an edit changes only the text), and a publication
// older than EditWindow (ErrEditWindow).
//
// Each edit is recorded before it leaves and after (store.BeginEdit,
// EndEdit). An edit whose answer never came is recorded as unknown and
// the correction stays pending: sending the same edit again is harmless,
// since it replaces the text with the same text.
func (d *Dispatcher) Correct(ctx context.Context, postID, by string) error {
	wa, p, pubs, ready, err := d.publicationsFor(postID, func(pub store.Publication) bool { return pub.CorrectionReady })
	if err != nil {
		return err
	}
	if len(ready) == 0 {
		return d.whyNoCorrection(p, pubs)
	}
	published, err := d.publishedRevisions(postID, ready)
	if err != nil {
		return err
	}
	if err := d.withinWindow(p, ready); err != nil {
		return err
	}
	for _, pub := range ready {
		if was, ok := published[pub.SendID]; ok && (was.Image != p.Image || pictureSum(was) != pictureSum(p)) {
			return fmt.Errorf("post %q: an edit changes only the text, and its image changed; put the image back, or withdraw the post and send it again", p.Title)
		}
	}
	var errs []error
	for _, pub := range ready {
		if err := d.edit(ctx, wa, pub.SendID, by); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// edit sends one publication's edit, recorded before and after.
func (d *Dispatcher) edit(ctx context.Context, wa WhatsApp, sendID, by string) error {
	pub, p, err := d.Store.BeginEdit(sendID, by)
	if err != nil {
		return err
	}
	hash := p.Validation.Hash
	msg := Sealed(p, d.Settings)
	picture, thumb := d.attachments(msg)
	wm, err := WhatsAppMessage(msg, picture, thumb)
	if err != nil {
		_, end := d.Store.EndEdit(sendID, by, hash, store.SendFailed, FailureOf(err))
		return errors.Join(fmt.Errorf("edit %q: %w", p.Title, err), end)
	}
	ctx, cancel := context.WithTimeout(ctx, d.timeout(false))
	defer cancel()
	sendErr := wa.Edit(ctx, pub.Channel, receiptOf(pub), wm)
	return d.endCorrection(p.Title, "edit", sendErr, func(state store.SendState, why store.Failure) error {
		_, err := d.Store.EndEdit(sendID, by, hash, state, why)
		return err
	})
}

// Withdraw deletes each of the post's WhatsApp publications still on the
// channel, recorded before and after as Correct's edits are. The post
// stays sent: it was published, and its history says it was withdrawn.
// Deleting again a message whose deletion had no answer is harmless.
func (d *Dispatcher) Withdraw(ctx context.Context, postID, by string) error {
	wa, p, _, live, err := d.publicationsFor(postID, func(pub store.Publication) bool { return !pub.Deleted })
	if err != nil {
		return err
	}
	if len(live) == 0 {
		return fmt.Errorf("post %q: %w", p.Title, store.ErrWithdrawn)
	}
	if err := d.withinWindow(p, live); err != nil {
		return err
	}
	var errs []error
	for _, pub := range live {
		begun, err := d.Store.BeginDelete(pub.SendID, by)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		ctx, cancel := context.WithTimeout(ctx, d.timeout(false))
		sendErr := wa.Delete(ctx, begun.Channel, receiptOf(begun))
		cancel()
		err = d.endCorrection(p.Title, "withdraw", sendErr, func(state store.SendState, why store.Failure) error {
			_, err := d.Store.EndDelete(pub.SendID, by, state, why)
			return err
		})
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// publicationsFor is the device, the post, its publications and those
// of them keep selects: what a correction or a withdrawal acts on.
func (d *Dispatcher) publicationsFor(postID string, keep func(store.Publication) bool) (WhatsApp, store.Post, []store.Publication, []store.Publication, error) {
	wa := d.WhatsApp()
	if wa == nil {
		return nil, store.Post{}, nil, nil, ErrNoWhatsApp
	}
	p, pubs, err := d.publications(postID)
	if err != nil {
		return nil, store.Post{}, nil, nil, err
	}
	var kept []store.Publication
	for _, pub := range pubs {
		if keep(pub) {
			kept = append(kept, pub)
		}
	}
	return wa, p, pubs, kept, nil
}

// withinWindow refuses, before anything leaves, to change a publication
// older than WhatsApp allows.
func (d *Dispatcher) withinWindow(p store.Post, pubs []store.Publication) error {
	now := d.now()
	for _, pub := range pubs {
		if now.Sub(pub.At) > EditWindow {
			return fmt.Errorf("post %q, published %s: %w", p.Title, pub.At.Format("2 Jan 2006"), ErrEditWindow)
		}
	}
	return nil
}

// endCorrection records the outcome of an edit or a deletion and says
// what became of it: nil when the channel took it.
func (d *Dispatcher) endCorrection(title, what string, sendErr error, record func(store.SendState, store.Failure) error) error {
	state, why := store.SendSent, store.Failure{}
	if sendErr != nil {
		why = FailureOf(WhatsAppError(sendErr))
		why.Detail = oneLine(sendErr.Error())
		state = store.SendUnknown
		switch OutcomeOf(WhatsAppError(sendErr)) {
		case NotSent, Failed:
			state = store.SendFailed
		}
	}
	if err := record(state, why); err != nil {
		return errors.Join(fmt.Errorf("%s %q: %w", what, title, sendErr), fmt.Errorf("record it: %w", err))
	}
	if sendErr != nil {
		if state == store.SendUnknown {
			return fmt.Errorf("%s %q: %w; check the channel, or do it again: doing it twice is harmless", what, title, sendErr)
		}
		return fmt.Errorf("%s %q: %w", what, title, sendErr)
	}
	return nil
}

// publications reads a post and its WhatsApp publications; a post
// without any is an error.
func (d *Dispatcher) publications(postID string) (store.Post, []store.Publication, error) {
	p, err := d.Store.Post(postID)
	if err != nil {
		return p, nil, err
	}
	pubs, err := d.Store.Publications(postID)
	if err != nil {
		return p, nil, err
	}
	if len(pubs) == 0 {
		return p, nil, fmt.Errorf("post %q: %w", p.Title, store.ErrNotPublished)
	}
	return p, pubs, nil
}

// whyNoCorrection says why none of the publications can take an edit.
func (d *Dispatcher) whyNoCorrection(p store.Post, pubs []store.Publication) error {
	deleted, pendingDelete := 0, 0
	for _, pub := range pubs {
		if pub.Deleted {
			deleted++
		} else if pub.Pending == store.EventDeleting {
			pendingDelete++
		}
	}
	switch {
	case deleted == len(pubs):
		return fmt.Errorf("post %q: %w", p.Title, store.ErrWithdrawn)
	case deleted+pendingDelete == len(pubs):
		return fmt.Errorf("%w: post %q may have been withdrawn: withdraw it again or check the channel", store.ErrStatus, p.Title)
	case p.Validation == nil:
		return fmt.Errorf("post %q: %w", p.Title, store.ErrNotValidated)
	case Seal(p, d.Settings) != p.Validation.Hash:
		return fmt.Errorf("post %q: %w; validate it again", p.Title, store.ErrSealBroken)
	}
	return fmt.Errorf("post %q: %w", p.Title, store.ErrNothingToEdit)
}

// publishedRevisions is the post as each publication sent it, by send id.
func (d *Dispatcher) publishedRevisions(postID string, pubs []store.Publication) (map[string]store.Post, error) {
	revs, err := d.Store.Revisions(postID)
	if err != nil {
		return nil, err
	}
	byRev := make(map[uint64]store.Post, len(revs))
	for _, r := range revs {
		byRev[r.Rev] = r.Post
	}
	out := map[string]store.Post{}
	for _, pub := range pubs {
		if p, ok := byRev[pub.Rev]; ok {
			out[pub.SendID] = p
		}
	}
	return out, nil
}

func receiptOf(pub store.Publication) WAReceipt {
	return WAReceipt{MessageID: pub.MessageID, ServerID: pub.ServerID, At: pub.At}
}

// RefreshStats reads the views and reactions of every WhatsApp
// publication still on its channel, a batch of messages per request, and
// keeps each post's sum (store.SetAllStats). It needs the device
// connected: otherwise, or when any request fails, it returns the error
// and changes nothing. It returns how many posts it read.
func (d *Dispatcher) RefreshStats(ctx context.Context) (int, error) {
	wa := d.WhatsApp()
	if wa == nil {
		return 0, ErrNoWhatsApp
	}
	switch wa.State() {
	case WAConnected:
	case WANotLinked:
		return 0, ErrNotLinked
	case WALoggedOut:
		return 0, ErrLoggedOut
	default:
		return 0, ErrNotConnected
	}
	pubs, err := d.Store.AllPublications()
	if err != nil {
		return 0, fmt.Errorf("read the publications: %w", err)
	}
	byChannel := map[string][]store.Publication{}
	var channels []string
	for _, pub := range pubs {
		if byChannel[pub.Channel] == nil {
			channels = append(channels, pub.Channel)
		}
		byChannel[pub.Channel] = append(byChannel[pub.Channel], pub)
	}
	now := d.now()
	all := map[string]store.PostStats{}
	for _, ch := range channels {
		list := byChannel[ch]
		for start := 0; start < len(list); start += statsBatch {
			batch := list[start:min(start+statsBatch, len(list))]
			ids := make([]int64, len(batch))
			for i, pub := range batch {
				ids[i] = pub.ServerID
			}
			if err := ctx.Err(); err != nil {
				return 0, err
			}
			got, err := wa.Stats(ctx, ch, ids)
			if err != nil {
				return 0, fmt.Errorf("read the stats of %s: %w", ch, err)
			}
			for _, pub := range batch {
				st, ok := got[pub.ServerID]
				if !ok {
					continue
				}
				sum := all[pub.PostID]
				sum.Add(store.PostStats{Views: st.Views, Reactions: st.Reactions, At: now})
				all[pub.PostID] = sum
			}
		}
	}
	if len(all) == 0 {
		return 0, nil
	}
	if err := d.Store.SetAllStats(all); err != nil {
		return 0, fmt.Errorf("keep the stats: %w", err)
	}
	return len(all), nil
}

// pictureSum is the sum of the picture a post sends, "" for none.
func pictureSum(p store.Post) string {
	if pic := p.PictureFor(); pic != nil {
		return pic.Sum
	}
	return ""
}
