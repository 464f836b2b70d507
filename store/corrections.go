package store

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"
)

// A published post can be corrected: edited in the desk, validated again
// (it stays sent), and sent as an edit of the message on the channel; or
// withdrawn. The send log keeps what was published; the post's events
// keep every edit and deletion, which is what Publications reads.

// Errors of corrections.
var (
	ErrNotPublished  = errors.New("not published on a WhatsApp Channel")
	ErrNotValidated  = errors.New("the correction is not validated: validate it first")
	ErrNothingToEdit = errors.New("nothing to correct: the validated text is the one published")
	ErrWithdrawn     = errors.New("the message was withdrawn from the channel")
)

// Publication is one WhatsApp send of a post that went out: what the
// channel holds, as far as the desk knows.
type Publication struct {
	SendID      string
	PostID      string
	Destination string    // the destination's name in the settings
	Channel     string    // the channel's id, "...@newsletter"
	MessageID   string    // the id the device gave the message
	ServerID    int64     // the server's id: edits, deletions and stats use it
	At          time.Time // when it was published
	Rev         uint64    // the post's revision it published
	// Hash is the seal of the message live now: the one published, or
	// the latest edit the channel confirmed.
	Hash   string
	Edited time.Time // the latest confirmed edit; zero when none
	// Deleted: the channel confirmed the deletion.
	Deleted bool
	// Pending is EventEditing or EventDeleting when the latest edit or
	// deletion has no known outcome (no answer, or cut short): it may or
	// may not be live. Sending it again is harmless.
	Pending string
	// CorrectionReady: the post's validated text differs from what is
	// live, its seal still holds, and the message is still there: the
	// correction can go out as an edit.
	CorrectionReady bool
}

// Publications lists the post's WhatsApp publications, oldest first. A
// send whose outcome a person resolved as sent has no receipt to edit by
// and is not listed.
func (s *Store) Publications(postID string) ([]Publication, error) {
	var out []Publication
	err := s.view(func(tx *bolt.Tx) error {
		p, err := getPost(tx, postID)
		if err != nil {
			return err
		}
		sends, err := postSends(tx, postID)
		if err != nil {
			return err
		}
		out, err = s.publications(tx, p, sends)
		return err
	})
	return out, err
}

// AllPublications lists every WhatsApp publication still on a channel
// (not deleted), oldest first: what a reading of the stats asks about.
func (s *Store) AllPublications() ([]Publication, error) {
	var out []Publication
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketSends)
		if err != nil {
			return err
		}
		byPost := map[string][]Send{}
		var order []string
		err = b.ForEach(func(k, v []byte) error {
			var snd Send
			if err := decodeJSON(v, &snd); err != nil {
				return fmt.Errorf("send %s: %w", k, err)
			}
			if !published(snd) {
				return nil
			}
			if byPost[snd.Post] == nil {
				order = append(order, snd.Post)
			}
			byPost[snd.Post] = append(byPost[snd.Post], snd)
			return nil
		})
		if err != nil {
			return err
		}
		for _, id := range order {
			p, err := getPost(tx, id)
			if errors.Is(err, ErrNotFound) {
				continue // a deleted sample's sends
			}
			if err != nil {
				return err
			}
			pubs, err := s.publications(tx, p, byPost[id])
			if err != nil {
				return err
			}
			for _, pub := range pubs {
				if !pub.Deleted {
					out = append(out, pub)
				}
			}
		}
		return nil
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, err
}

// published reports whether a send went out with a WhatsApp receipt.
func published(snd Send) bool {
	a := snd.Last()
	return snd.State == SendSent && a != nil && a.State == SendSent && a.ServerID != 0 && a.Channel != ""
}

// publications folds the post's correction events over its published
// sends.
func (s *Store) publications(tx *bolt.Tx, p Post, sends []Send) ([]Publication, error) {
	var out []Publication
	index := map[string]int{}
	for _, snd := range sends {
		if !published(snd) {
			continue
		}
		a := snd.Last()
		at := a.Ended
		if at.IsZero() {
			at = a.At
		}
		index[snd.ID] = len(out)
		out = append(out, Publication{
			SendID: snd.ID, PostID: snd.Post, Destination: snd.Destination, Channel: a.Channel,
			MessageID: a.RemoteID, ServerID: a.ServerID, At: at, Rev: snd.Rev, Hash: snd.Hash,
		})
	}
	if len(out) == 0 {
		return nil, nil
	}
	events, err := postEvents(tx, p.ID)
	if err != nil {
		return nil, err
	}
	for _, e := range events {
		i, ok := index[e.Send]
		if !ok {
			continue
		}
		pub := &out[i]
		switch e.Kind {
		case EventEditing, EventEditUnknown:
			pub.Pending = EventEditing
		case EventEdited:
			pub.Hash, pub.Edited, pub.Pending = e.Hash, e.At, ""
		case EventDeleting, EventDeleteUnknown:
			pub.Pending = EventDeleting
		case EventDeleted:
			pub.Deleted, pub.Pending = true, ""
		case EventEditFailed, EventDeleteFailed:
			pub.Pending = ""
		}
	}
	sealed := p.Validation != nil && s.hash != nil && s.hash(p) == p.Validation.Hash
	for i := range out {
		pub := &out[i]
		pub.CorrectionReady = sealed && !pub.Deleted && pub.Pending != EventDeleting && pub.Hash != p.Validation.Hash
	}
	return out, nil
}

// BeginEdit is written and committed before an edit leaves: it checks,
// in one transaction, that the post's correction is validated, that its
// seal holds and that it differs from what the publication shows, and
// records that the edit begins. The caller sends the post it gets back,
// then calls EndEdit with the outcome.
func (s *Store) BeginEdit(sendID, by string) (Publication, Post, error) {
	var pub Publication
	var p Post
	err := s.update(func(tx *bolt.Tx) error {
		var err error
		pub, p, err = s.publication(tx, sendID)
		if err != nil {
			return err
		}
		switch {
		case pub.Deleted:
			return fmt.Errorf("post %q: %w", p.Title, ErrWithdrawn)
		case pub.Pending == EventDeleting:
			return fmt.Errorf("%w: post %q may have been withdrawn: withdraw it again or check the channel", ErrStatus, p.Title)
		case p.Validation == nil:
			return fmt.Errorf("post %q: %w", p.Title, ErrNotValidated)
		}
		if err := s.checkSeal(p); err != nil {
			return err
		}
		if pub.Hash == p.Validation.Hash {
			return fmt.Errorf("post %q: %w", p.Title, ErrNothingToEdit)
		}
		return s.addEvent(tx, p.ID, Event{At: s.now(), Kind: EventEditing, By: by, Hash: p.Validation.Hash,
			Rev: p.Rev, Send: sendID, Destination: pub.Destination})
	})
	if err != nil {
		return Publication{}, Post{}, err
	}
	return pub, p, nil
}

// EndEdit records how an edit that BeginEdit started ended: SendSent (the
// channel took it; hash is now live), SendFailed (it did not go; errText
// says why) or SendUnknown (no answer: it may be live).
func (s *Store) EndEdit(sendID, by, hash string, state SendState, why Failure) (Publication, error) {
	kinds := map[SendState]string{SendSent: EventEdited, SendFailed: EventEditFailed, SendUnknown: EventEditUnknown}
	return s.endCorrection(sendID, by, hash, kinds[state], why)
}

// BeginDelete is written and committed before a deletion leaves, as
// BeginEdit; EndDelete records the outcome.
func (s *Store) BeginDelete(sendID, by string) (Publication, error) {
	var pub Publication
	err := s.update(func(tx *bolt.Tx) error {
		var p Post
		var err error
		pub, p, err = s.publication(tx, sendID)
		if err != nil {
			return err
		}
		if pub.Deleted {
			return fmt.Errorf("post %q: %w", p.Title, ErrWithdrawn)
		}
		return s.addEvent(tx, p.ID, Event{At: s.now(), Kind: EventDeleting, By: by, Rev: p.Rev,
			Send: sendID, Destination: pub.Destination})
	})
	return pub, err
}

// EndDelete records how a deletion that BeginDelete started ended.
func (s *Store) EndDelete(sendID, by string, state SendState, why Failure) (Publication, error) {
	kinds := map[SendState]string{SendSent: EventDeleted, SendFailed: EventDeleteFailed, SendUnknown: EventDeleteUnknown}
	return s.endCorrection(sendID, by, "", kinds[state], why)
}

func (s *Store) endCorrection(sendID, by, hash, kind string, why Failure) (Publication, error) {
	if kind == "" {
		return Publication{}, fmt.Errorf("%w: a correction ends sent, failed or unknown", ErrStatus)
	}
	var pub Publication
	err := s.update(func(tx *bolt.Tx) error {
		before, p, err := s.publication(tx, sendID)
		if err != nil {
			return err
		}
		err = s.addEvent(tx, p.ID, Event{At: s.now(), Kind: kind, By: by, Hash: hash, Rev: p.Rev,
			Reason: why.Detail, Code: why.Code, Send: sendID, Destination: before.Destination})
		if err != nil {
			return err
		}
		pub, _, err = s.publication(tx, sendID)
		return err
	})
	return pub, err
}

// publication reads one publication and its post inside tx.
func (s *Store) publication(tx *bolt.Tx, sendID string) (Publication, Post, error) {
	snd, err := getSend(tx, sendID)
	if err != nil {
		return Publication{}, Post{}, err
	}
	p, err := getPost(tx, snd.Post)
	if err != nil {
		return Publication{}, Post{}, err
	}
	if !published(snd) {
		return Publication{}, p, fmt.Errorf("post %q to %s: %w", p.Title, snd.Destination, ErrNotPublished)
	}
	pubs, err := s.publications(tx, p, []Send{snd})
	if err != nil {
		return Publication{}, p, err
	}
	return pubs[0], p, nil
}

// postEvents reads a post's events, oldest first, inside tx.
func postEvents(tx *bolt.Tx, id string) ([]Event, error) {
	events, err := bucket(tx, bucketEvents)
	if err != nil {
		return nil, err
	}
	b := events.Bucket([]byte(id))
	if b == nil {
		return nil, nil
	}
	var out []Event
	err = b.ForEach(func(k, v []byte) error {
		var e Event
		if err := decodeJSON(v, &e); err != nil {
			return fmt.Errorf("post %s event: %w", id, err)
		}
		out = append(out, e)
		return nil
	})
	return out, err
}

// putThumbnail keeps a card's thumbnail under its SHA-256, which it
// returns: posts whose cards share an image share its bytes.
func putThumbnail(tx *bolt.Tx, jpeg []byte) (string, error) {
	b, err := bucket(tx, bucketThumbs)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(jpeg)
	key := hex.EncodeToString(sum[:])
	if b.Get([]byte(key)) != nil {
		return key, nil
	}
	return key, b.Put([]byte(key), append([]byte(nil), jpeg...))
}

// Thumbnail reads the thumbnail kept under sum (Card.ThumbSum).
func (s *Store) Thumbnail(sum string) ([]byte, error) {
	var out []byte
	err := s.view(func(tx *bolt.Tx) error {
		b, err := bucket(tx, bucketThumbs)
		if err != nil {
			return err
		}
		v := b.Get([]byte(sum))
		if v == nil {
			return fmt.Errorf("%w: no thumbnail %s", ErrNotFound, sum)
		}
		out = append([]byte(nil), v...)
		return nil
	})
	return out, err
}
