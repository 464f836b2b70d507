package store

import (
	"crypto/rand"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// Status is where a post stands in the editorial flow.
type Status string

// The statuses, in the order a post moves through them: an idea, a draft,
// ready (asking for validation), validated, planned in a week slot,
// sending, sent; failed and unknown (a send that may or may not have gone
// out) wait for a person to decide; a post can be archived at any time.
const (
	StatusIdea      Status = "idea"
	StatusDraft     Status = "draft"
	StatusReady     Status = "ready"
	StatusValidated Status = "validated"
	StatusPlanned   Status = "planned"
	StatusSending   Status = "sending"
	StatusSent      Status = "sent"
	StatusFailed    Status = "failed"
	StatusUnknown   Status = "unknown"
	StatusArchived  Status = "archived"
)

// Statuses lists every status in flow order.
var Statuses = []Status{
	StatusIdea, StatusDraft, StatusReady, StatusValidated, StatusPlanned,
	StatusSending, StatusSent, StatusFailed, StatusUnknown, StatusArchived,
}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

// Categories are the kinds of post a channel publishes. A post may carry
// another category typed by hand; these are the ones the desk offers.
var Categories = []string{"practical", "service", "alert", "event"}

// Post is one message of the channel, as the community manager writes it.
type Post struct {
	ID       string `json:"id"`
	Title    string `json:"title"`           // short internal title, never sent
	Body     string `json:"body"`            // what subscribers read, in WhatsApp markup
	Link     string `json:"link"`            // the page on the city's site or magazine
	Category string `json:"category"`        // practical, service, alert, event, or free text
	Image    string `json:"image,omitempty"` // the picture's file, as the person named it
	Alt      string `json:"alt,omitempty"`
	// Picture is the picture taken from Image when the post was saved;
	// its bytes are kept in the data file (Store.Picture).
	Picture *Picture `json:"picture,omitempty"`
	Notes   string   `json:"notes,omitempty"` // editorial brief, Markdown
	Author  string   `json:"author,omitempty"`
	// EditedBy is the member of the team desk whose save or restore made
	// the content as it stands; empty when made at a desk of one person.
	EditedBy string    `json:"edited_by,omitempty"`
	Status   Status    `json:"status"`
	Created  time.Time `json:"created"`
	Updated  time.Time `json:"updated"`
	Rev      uint64    `json:"rev"`              // revision number of this version; 0 before the first save
	Sample   bool      `json:"sample,omitempty"` // part of the sample week, removable in one step
	// Before is the status the post had when it was archived, so that
	// restoring it from the archive puts it back where it was.
	Before Status `json:"before,omitempty"`
	// Problems counts the errors the checks found when the post was last
	// saved; the backlog marks such posts without recomputing anything.
	Problems int `json:"problems,omitempty"`
	// Card is what the link's page says of itself, fetched when online.
	Card *Card `json:"card,omitempty"`
	// Validation binds a validated or planned post to the exact message
	// that was approved.
	Validation *Validation `json:"validation,omitempty"`
	// Slot is the week slot the post was planned in (see Plan); it stays
	// once the post is sent, so the week still shows what went out when.
	Slot time.Time `json:"slot,omitzero"`
	// Source is where an idea came from: the name of the feed that
	// brought it, empty for the team's own. SourceID is the feed item's
	// own id, which keeps an item without a link from coming in twice,
	// and SourceDate the date the feed gave it.
	Source     string    `json:"source,omitempty"`
	SourceID   string    `json:"source_id,omitempty"`
	SourceDate time.Time `json:"source_date,omitzero"`
	// Topic is what the editorial meeting decided about the post (see
	// Decide); nil until a meeting has.
	Topic *Topic `json:"topic,omitempty"`
}

// Card is the link card of a post as the link's page describes itself
// (OpenGraph), kept with the date it was fetched so the desk works offline.
type Card struct {
	URL         string    `json:"url"` // the link it was fetched for
	Title       string    `json:"title,omitempty"`
	Description string    `json:"description,omitempty"`
	Image       string    `json:"image,omitempty"`  // the page's image address
	Status      int       `json:"status,omitempty"` // the HTTP status the link answered
	Fetched     time.Time `json:"fetched"`
	// ThumbSum is the SHA-256 of the small JPEG made from Image when the
	// card was fetched, whose bytes the store keeps apart (Thumbnail): the
	// thumbnail WhatsApp shows is the one validated, not whatever the
	// page's image is on the day of sending.
	ThumbSum string `json:"thumb_sum,omitempty"`
	// Thumb carries those bytes from the fetch to SetCard; it is never
	// stored with the post.
	Thumb []byte `json:"-"`
}

// Same reports whether two cards say the same thing (the fetch date and
// the thumbnail's bytes in transit aside).
func (c Card) Same(o Card) bool {
	return c.URL == o.URL && c.Title == o.Title && c.Description == o.Description &&
		c.Image == o.Image && c.Status == o.Status && c.ThumbSum == o.ThumbSum
}

// Picture is a post's picture as the desk took it into the data file
// when the post was saved. Its bytes are kept apart, once for each
// content however many posts and revisions show it (Store.Picture), so
// that what is validated and sent is what was saved: the file on disk
// may change or go, and a command may run from any folder.
type Picture struct {
	From   string `json:"from"`          // the image field it was taken for
	Sum    string `json:"sum,omitempty"` // SHA-256 of the bytes kept; "" when none could be taken
	Type   string `json:"type,omitempty"`
	Width  int    `json:"width,omitempty"`
	Height int    `json:"height,omitempty"`
	Size   int    `json:"size,omitempty"` // bytes
	// Problem says why no picture could be taken from From (a code of
	// the picture package), and Detail what was found; the checks report
	// it, naming the image, until a save takes a picture.
	Problem string `json:"problem,omitempty"`
	Detail  string `json:"detail,omitempty"`
	// Bytes carries the picture from its file to the store when a post
	// is saved or imported; it is never stored with the post.
	Bytes []byte `json:"-"`
}

// Kept reports whether the picture's bytes are in the data file.
func (p *Picture) Kept() bool { return p != nil && p.Sum != "" }

// samePicture reports whether two posts carry the same picture, or the
// same finding about their image.
func samePicture(a, b *Picture) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.From == b.From && a.Sum == b.Sum && a.Problem == b.Problem && a.Detail == b.Detail
}

// PictureFor is what the desk took from the post's current image field,
// or nil when it has taken nothing from it yet (the field was just
// typed, or the post was written before pictures were kept).
func (p Post) PictureFor() *Picture {
	if p.Picture != nil && p.Picture.From == strings.TrimSpace(p.Image) && strings.TrimSpace(p.Image) != "" {
		return p.Picture
	}
	return nil
}

// NeedsPicture reports whether saving the post should take its picture:
// the image field names a file the desk has not taken a picture from, or
// could not take one from last time.
func (p Post) NeedsPicture() bool {
	if strings.TrimSpace(p.Image) == "" {
		return false
	}
	pic := p.PictureFor()
	return pic == nil || !pic.Kept()
}

// CardFor is the post's card if it was fetched for its current link.
func (p Post) CardFor() *Card {
	if p.Card != nil && p.Card.URL == p.Link {
		return p.Card
	}
	return nil
}

// Validation binds a post to the exact outgoing message that was approved:
// Hash is the SHA-256 of that message, computed by the sender's rules.
type Validation struct {
	By   string    `json:"by"`
	At   time.Time `json:"at"`
	Hash string    `json:"hash"`
	Rev  uint64    `json:"rev"` // the revision that was validated
	// Topic is the meeting's approval of the topic, when a meeting
	// decided it for this week: the validation then records both.
	Topic *Topic `json:"topic,omitempty"`
}

// NewID returns a new post id: a ULID, so ids sort in creation order.
func NewID(now time.Time) string {
	return ulid.MustNew(ulid.Timestamp(now), rand.Reader).String()
}

// keyBodyPrefix is how much of the body, in bytes, goes into a post's
// search key: enough to find a post by its opening words, small enough
// that the keys of 100,000 posts stay light in memory and in the file.
const keyBodyPrefix = 64

// SearchKey is the folded text the backlog's filter matches: the title,
// the category and the start of the body, lower-cased and without
// accents. It never holds a zero byte, which ends each key in a Backlog.
func (p Post) SearchKey() string {
	body := p.Body
	if len(body) > keyBodyPrefix {
		cut := keyBodyPrefix
		for cut > 0 && !utf8RuneStart(body[cut]) {
			cut--
		}
		body = body[:cut]
	}
	key := Fold(p.Title + " " + p.Category + " " + body)
	if strings.IndexByte(key, 0) >= 0 {
		key = strings.ReplaceAll(key, "\x00", " ")
	}
	return key
}

func utf8RuneStart(b byte) bool { return b&0xC0 != 0x80 }

// Revision is one saved version of a post.
type Revision struct {
	Rev  uint64    `json:"rev"`
	At   time.Time `json:"at"`
	Kind string    `json:"kind"` // RevSave, RevRestore, RevRecover, RevImport
	From uint64    `json:"from,omitempty"`
	By   string    `json:"by,omitempty"` // the member of the team desk who made it
	Post Post      `json:"post"`
}

// Kinds of revision.
const (
	RevSave     = "save"
	RevRestore  = "restore" // From names the revision that was restored
	RevRecover  = "recover" // a working copy found after a crash
	RevImport   = "import"
	RevStatus   = "status" // a status change only
	RevValidate = "validate"
	RevCard     = "card" // the link's card was fetched
	RevSend     = "send" // a send moved the post's status
	RevPlan     = "plan" // planned in a slot, taken out, or swapped
	// RevPicture: the picture a post named by its path alone, in a file
	// written before the desk kept pictures, was taken into the file.
	RevPicture = "picture"
)

// Kinds of event the send log adds to a post's events.
const (
	EventUrgent    = "urgent"     // queued at once, outside the slots; Reason says why
	EventResolved  = "resolved"   // a person checked the channel after an unknown send
	EventPasted    = "pasted"     // a person said the text to paste went out
	EventNotPasted = "not pasted" // a person said the text to paste did not go out
)

// Kinds of event of a correction of a published post (see Publications).
// Each carries the send (the publication) it concerns and its
// destination; an edit's events carry the hash of the corrected message.
// The first of each pair is written before the request leaves, the
// outcome after, so an edit cut short by a crash shows as begun and
// never finished.
const (
	EventEditing       = "editing"        // an edit is being sent
	EventEdited        = "edited"         // the channel took the edit
	EventEditFailed    = "edit failed"    // the edit did not go: Reason says why
	EventEditUnknown   = "edit unknown"   // no answer came: the edit may be live
	EventDeleting      = "deleting"       // a deletion is being sent
	EventDeleted       = "deleted"        // the message was withdrawn from the channel
	EventDeleteFailed  = "delete failed"  // the deletion did not go: Reason says why
	EventDeleteUnknown = "delete unknown" // no answer came: it may be withdrawn
)
