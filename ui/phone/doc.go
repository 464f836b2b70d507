// Package phone draws the phone preview: the outgoing message as a
// follower's phone shows it in a WhatsApp Channel, inside a phone-shaped
// frame of a fixed width in terminal cells.
//
// It is written by hand on purpose. WhatsApp's markup is not Markdown
// ("*bold*" is bold, "_x_" is italic, "~x~" strikes, a letter next to a
// marker cancels it, "> " quotes but "#" is just a hash), so glamour cannot
// render it; and the frame must be measured by grapheme cluster, the way a
// terminal draws emoji with skin tones, ZWJ families, flags, keycaps, wide
// CJK characters and combining accents, or its right edge goes ragged.
//
// The pieces:
//   - package message/markup reads the markup into lines of styled spans,
//     which Render lays out;
//   - Sanitize makes any text safe to draw (sanitize.go);
//   - Render draws a message.Message into the frame (render.go): the
//     phone's frame and header on a canvas (canvas.go), what the bubble
//     holds (bubble.go), a long text cut at "Read more" (readmore.go),
//     lines broken at words (wrap.go); Cache keeps the result until the
//     message or the options change (cache.go);
//   - ImageBlock decodes a picture's bytes into rows of half blocks
//     (image.go), once, for Render to place.
//
// Render does no I/O and keeps no state: callers decode the image with
// ImageBlock once, keep the rows, and pass them in Options.ImageRows.
//
// Right-to-left text (Arabic, Hebrew) is kept in logical order, never
// reordered here, and broken only at spaces, so that a terminal that
// applies the bidi algorithm shows it right, and one that does not still
// shows whole words. Bidi controls that could reorder the frame are shown
// as symbols (see Sanitize).
package phone
