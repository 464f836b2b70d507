package sender

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // post images and card images may be PNG
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/image/draw"

	"crieur/message"
	"crieur/picture"
)

// WhatsApp's limits. Neither is published by WhatsApp: the text limit is
// the figure WhatsApp's clients enforce; the caption limit is the figure
// the official clients have long cut captions at. Both are constants, not
// settings: they are WhatsApp's, not the channel's.
const (
	WhatsAppTextLimit    = 65536
	WhatsAppCaptionLimit = 1024
	// whatsappImageBytes is the largest image WhatsApp takes as a photo.
	whatsappImageBytes = 16 << 20
	// EditWindow is how long after publishing WhatsApp lets an admin edit
	// or delete a channel message: about 30 days, the window WhatsApp's
	// clients allow (it is not published either). Past it the desk
	// refuses with ErrEditWindow rather than ask the server.
	EditWindow = 30 * 24 * time.Hour
)

// Thumbnails: a link card's picture is drawn small by WhatsApp (about
// 100x100 on a phone); this is a little more for sharp screens, and small
// enough to travel inside the message.
const (
	thumbSide    = 192
	thumbQuality = 75
)

// What decoding a picture to make a thumbnail may cost, read from its
// header before anything is decoded: a post's own picture is any the desk
// takes (as a JPEG; a PNG of eight bytes a pixel up to 20 megapixels); a
// page's image, which anyone may serve, far less — a 7000×7000 PNG of a
// few hundred bytes would otherwise cost 200 MB to decode.
var (
	pictureThumbBound = picture.Bound{Pixels: picture.MaxPixels, Bytes: 160 << 20}
	cardThumbBound    = picture.Bound{Pixels: 16 << 20, Bytes: 64 << 20}
)

// WhatsAppBackend posts to a WhatsApp Channel through the linked device.
type WhatsAppBackend struct {
	client  WhatsApp
	channel string
	cfg     config
}

// NewWhatsApp makes the back-end that posts to channel (its id,
// "...@newsletter") through client.
func NewWhatsApp(client WhatsApp, channel string, opts ...Option) Backend {
	return &WhatsAppBackend{client: client, channel: channel, cfg: newConfig(opts)}
}

// WithWhatsApp gives BuildBackends the linked device its whatsapp
// destination posts through.
func WithWhatsApp(client WhatsApp) Option {
	return func(c *config) { c.whatsapp = client }
}

func (w *WhatsAppBackend) Name() string { return "whatsapp" }

// Limit is the limit of a text message; LimitFor gives the caption's for
// a message that goes as an image.
func (w *WhatsAppBackend) Limit() int { return WhatsAppTextLimit }

// LimitFor is the caption's limit when msg goes as an image with its text
// as caption. A message with an image and a link whose text is too long
// for a caption goes as text, with the image as the card's thumbnail, so
// only an image without a link is held to the caption's limit.
func (w *WhatsAppBackend) LimitFor(msg message.Message) int {
	if msg.Image != "" && msg.Link == "" {
		return WhatsAppCaptionLimit
	}
	return WhatsAppTextLimit
}

// Client is the linked device the back-end posts through.
func (w *WhatsAppBackend) Client() WhatsApp { return w.client }

// Channel is the channel the back-end posts to.
func (w *WhatsAppBackend) Channel() string { return w.channel }

// Send publishes the message on the channel. What an error means for the
// send log:
//   - not linked, logged out: nothing left, and nothing will until a
//     person links the desk again (NotSent, not retryable);
//   - not connected: nothing left; the next run tries again (NotSent,
//     retryable);
//   - refused by WhatsApp: not published (Failed);
//   - anything else, an answer that never came after the message left
//     above all: it may be published (Unknown, never retried by itself).
func (w *WhatsAppBackend) Send(ctx context.Context, d Delivery) (Receipt, error) {
	refuse := func(code Code, err error) error {
		if code == "" {
			code, _ = CodeOf(err)
		}
		return &SendError{Outcome: NotSent, Code: code, Err: fmt.Errorf("whatsapp: %w", err)}
	}
	if w.client == nil {
		return Receipt{}, refuse(CodeWANotLinked, ErrNoWhatsApp)
	}
	if !strings.HasSuffix(w.channel, "@newsletter") {
		return Receipt{}, refuse(CodeNoChannel, errors.New("no channel chosen: crieur whatsapp channels"))
	}
	msg, err := WhatsAppMessage(d.Message, d.Picture, d.CardThumb)
	if err != nil {
		return Receipt{}, refuse("", err)
	}
	timeout := w.cfg.timeout
	if msg.Image != nil && !w.cfg.timeoutSet {
		timeout *= photoTimeoutMult
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rc, err := w.client.Publish(ctx, w.channel, msg)
	if err != nil {
		return Receipt{}, WhatsAppError(err)
	}
	at := rc.At
	if at.IsZero() {
		at = w.cfg.now()
	}
	return Receipt{RemoteID: rc.MessageID, ServerID: rc.ServerID, Channel: w.channel, At: at}, nil
}

// WhatsAppError classes an error of the linked device for the send log
// (see WhatsAppBackend.Send). Errors already classed pass through.
func WhatsAppError(err error) error {
	var se *SendError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &se):
		return err
	}
	code, _ := CodeOf(err)
	switch {
	case errors.Is(err, ErrNotLinked), errors.Is(err, ErrLoggedOut):
		return &SendError{Outcome: NotSent, Code: code, Err: err}
	case errors.Is(err, ErrNotConnected):
		return &SendError{Outcome: NotSent, Retryable: true, Code: code, Err: err}
	case errors.Is(err, ErrRejected):
		return &SendError{Outcome: Failed, Code: code, Err: err}
	case errors.Is(err, ErrNoAck):
		return &SendError{Outcome: Unknown, Code: code, Err: err}
	case errors.Is(err, context.DeadlineExceeded):
		// No answer in time: nothing says the message did not go out.
		return &SendError{Outcome: Unknown, Code: CodeTimeout, Err: fmt.Errorf("%w: %w", ErrNoAck, err)}
	default:
		// A dropped connection, anything unforeseen: nothing says the
		// message did not go out.
		return &SendError{Outcome: Unknown, Code: CodeWANoAck, Err: fmt.Errorf("%w: %w", ErrNoAck, err)}
	}
}

// WhatsAppMessage is the outgoing message in WhatsApp's terms.
//
// A message with an image goes as the image with the text as caption,
// unless the text is too long for a caption and there is a link: it then
// goes as text with the link card, the image as the card's thumbnail.
// Otherwise a message with a link goes as text with the card drawn by the
// desk (WhatsApp shows what it is given): the page's title and
// description, or offline the link's domain alone, and the
// thumbnail made when the card was fetched (cardThumb, whose sum must be
// the sealed one). The picture (read from the data file) is checked
// against the sum sealed at validation: what was validated is what is
// sent.
func WhatsAppMessage(msg message.Message, picture, cardThumb []byte) (WAMessage, error) {
	out := WAMessage{Text: msg.Text}
	var img []byte
	if msg.Image != "" {
		var err error
		if img, err = readImage(msg, picture); err != nil {
			return WAMessage{}, err
		}
	}
	if img != nil && (msg.Link == "" || utf8.RuneCountInString(msg.Text) <= WhatsAppCaptionLimit) {
		kind := http.DetectContentType(img)
		if kind != "image/jpeg" && kind != "image/png" {
			return WAMessage{}, fmt.Errorf("%w: the image is %s; WhatsApp takes JPEG or PNG", ErrPictureFormat, kind)
		}
		if len(img) > whatsappImageBytes {
			return WAMessage{}, fmt.Errorf("%w: the image is %d MB; WhatsApp takes up to %d MB", ErrPictureSize, len(img)>>20, whatsappImageBytes>>20)
		}
		out.Image, out.ImageType, out.Alt = img, kind, msg.Alt
		out.Thumbnail, _ = Thumbnail(img)
		return out, nil
	}
	if msg.Link == "" {
		return out, nil
	}
	out.LinkURL = msg.Link
	if !strings.Contains(out.LinkURL, "://") {
		out.LinkURL = "https://" + out.LinkURL
	}
	out.Title, out.Description = msg.Card.Title, msg.Card.Description
	if out.Description == "" {
		out.Description = msg.Card.Domain
	}
	switch {
	case img != nil:
		out.Thumbnail, _ = Thumbnail(img)
	case msg.Card.ThumbSum != "":
		sum := sha256.Sum256(cardThumb)
		if cardThumb == nil || hex.EncodeToString(sum[:]) != msg.Card.ThumbSum {
			return WAMessage{}, fmt.Errorf("%w; fetch the card and validate again", ErrCardChanged)
		}
		out.Thumbnail = cardThumb
	}
	return out, nil
}

// Thumbnail scales a post's JPEG or PNG picture down to a small JPEG, for
// a link card or an image's preview. The same bytes always give the same
// thumbnail.
func Thumbnail(img []byte) ([]byte, error) { return thumbnail(img, pictureThumbBound) }

// thumbnail is Thumbnail within bound, refused from the header alone when
// the picture is larger.
func thumbnail(img []byte, bound picture.Bound) ([]byte, error) {
	src, err := picture.Decode(img, bound)
	if err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > thumbSide || h > thumbSide {
		if w >= h {
			w, h = thumbSide, max(1, h*thumbSide/w)
		} else {
			w, h = max(1, w*thumbSide/h), thumbSide
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	// A white ground under transparent pixels: JPEG has no alpha.
	draw.Draw(dst, dst.Bounds(), image.White, image.Point{}, draw.Src)
	draw.CatmullRom.Scale(dst, dst.Bounds(), src, b, draw.Over, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: thumbQuality}); err != nil {
		return nil, fmt.Errorf("thumbnail: %w", err)
	}
	return buf.Bytes(), nil
}
