package sender

import (
	"context"
	"errors"
	"time"
)

// WhatsApp is what crieur needs of a WhatsApp linked device: link it,
// find the channels the account administers, publish, correct and
// withdraw posts, and read their views and reactions.
//
// It is narrow on purpose. The real one (package sender/wa) wraps
// whatsmeow, which cannot be exercised without WhatsApp's servers; every
// decision crieur takes on top of it (what to send, what an error means
// for the send log, when an edit is too late) is made against this
// interface and tested with a fake.
type WhatsApp interface {
	// State is the connection as it stands now; it never blocks.
	State() WAState
	// Account is the linked account ("+33 6 12 34 56 78 (Mairie)"),
	// empty when no account is linked.
	Account() string

	// Link starts linking this desk as a device of an account. With an
	// empty phone number the events carry QR codes to show, renewed as
	// WhatsApp renews them; with a number (international, digits only)
	// they carry the 8-character code to type on the phone. The channel
	// is closed after LinkDone, LinkExpired or LinkFailed, or when ctx
	// is cancelled.
	Link(ctx context.Context, phone string) (<-chan LinkEvent, error)
	// Unlink logs the device out and deletes the session file.
	Unlink(ctx context.Context) error

	// Channels lists the channels the account owns or administers.
	Channels(ctx context.Context) ([]Channel, error)
	// ChannelFromInvite reads the channel behind an invite link
	// (https://whatsapp.com/channel/...).
	ChannelFromInvite(ctx context.Context, link string) (Channel, error)

	// Publish posts msg to the channel (its JID, "...@newsletter").
	// Errors wrap ErrNotLinked, ErrLoggedOut, ErrNotConnected (nothing
	// left the machine), ErrNoAck (the message left and no answer came:
	// it may be published) or ErrRejected (the server refused it).
	Publish(ctx context.Context, channel string, msg WAMessage) (WAReceipt, error)
	// Edit replaces the text of a published message; Delete withdraws
	// it. Both take the receipt Publish gave.
	Edit(ctx context.Context, channel string, sent WAReceipt, msg WAMessage) error
	Delete(ctx context.Context, channel string, sent WAReceipt) error
	// Stats reads the views and reactions of published messages, by
	// server id; messages the server no longer returns are left out.
	Stats(ctx context.Context, channel string, serverIDs []int64) (map[int64]WAStats, error)
}

// WAState is the state of the linked device's connection.
type WAState int

// The states of the connection.
const (
	WANotLinked  WAState = iota // no session: link first
	WAConnecting                // linked, connecting or reconnecting
	WAConnected                 // linked and connected
	WAOffline                   // linked, the network is down: retrying
	WALoggedOut                 // the phone removed this device: link again
)

func (s WAState) String() string {
	switch s {
	case WAConnecting:
		return "connecting"
	case WAConnected:
		return "connected"
	case WAOffline:
		return "offline"
	case WALoggedOut:
		return "logged out"
	default:
		return "not linked"
	}
}

// LinkKind says what a LinkEvent is.
type LinkKind int

// The steps of linking.
const (
	LinkQR       LinkKind = iota // Code is a QR code to show until Expires
	LinkPairCode                 // Code is the 8-character code to type on the phone
	LinkDone                     // linked: Account says which account
	LinkExpired                  // no code was scanned in time
	LinkFailed                   // Err says why
)

// LinkEvent is one step of linking.
type LinkEvent struct {
	Kind    LinkKind
	Code    string
	Expires time.Time
	Account string
	Err     error
}

// Channel is a WhatsApp Channel.
type Channel struct {
	JID       string // "120363...@newsletter"
	Name      string
	Followers int
	Role      string // "owner", "admin", "subscriber"
}

// WAMessage is an outgoing message in WhatsApp's terms: text with an
// optional link card, or an image with the text as its caption.
type WAMessage struct {
	Text string
	// The link card, drawn by the sender: WhatsApp shows what it is given.
	LinkURL     string
	Title       string
	Description string
	Thumbnail   []byte // JPEG, small (WhatsApp shows about 100x100)
	// An image post: the text becomes its caption.
	Image     []byte
	ImageType string // "image/jpeg", "image/png"
	Alt       string
}

// WAReceipt identifies a published message: the id the device chose and
// the server's id, which reads, edits and stats refer to.
type WAReceipt struct {
	MessageID string
	ServerID  int64
	At        time.Time
}

// WAStats are a published message's views and reactions.
type WAStats struct {
	Views     int
	Reactions map[string]int // emoji -> count
}

// Errors of the WhatsApp back-end.
var (
	ErrNotLinked    = errors.New("no WhatsApp account is linked")
	ErrLoggedOut    = errors.New("the WhatsApp account logged this device out: link it again")
	ErrNotConnected = errors.New("not connected to WhatsApp")
	ErrNoAck        = errors.New("WhatsApp did not confirm the message")
	ErrRejected     = errors.New("WhatsApp refused the message")
	ErrEditWindow   = errors.New("too late to edit: WhatsApp allows edits for a limited time after publishing")
)
