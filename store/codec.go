package store

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
)

// Stored values start with one byte naming their encoding, so the schema
// can grow without breaking old files: a reader meets a version it does not
// know and says so instead of guessing.
const (
	encJSONv1    byte = 1 // JSON object (posts, revisions)
	encSummaryV1 byte = 2 // the first binary summary, still read
	encSummaryV2 byte = 3 // the compact binary summary below
)

// ErrCorrupt marks a stored value that cannot be decoded.
var ErrCorrupt = errors.New("damaged record")

func encodeJSON(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return append([]byte{encJSONv1}, b...), nil
}

func decodeJSON(b []byte, v any) error {
	if len(b) == 0 {
		return fmt.Errorf("%w: empty value", ErrCorrupt)
	}
	if b[0] != encJSONv1 {
		return fmt.Errorf("%w: unknown encoding %d", ErrCorrupt, b[0])
	}
	if err := json.Unmarshal(b[1:], v); err != nil {
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil
}

// The summary is decoded for every post when the backlog opens, so it is a
// small binary record rather than JSON: with 100,000 posts the difference
// is the cold-start budget, and its size is what the desk reads of the
// file. Layout after the version byte: search key, id and title as
// length-prefixed strings (the key first, for summaryKeyLen); status and
// category, each one byte naming a known value (its index plus one) or 0
// and a length-prefixed string; created, updated and slot as varint Unix
// nanoseconds (0 for none); flags (the sample mark, and which of the
// times is the Unix epoch rather than none); problems.
//
// Version 1 (encSummaryV1), still read, held status, category, title, key
// and id as length-prefixed strings, then the same times, flags and
// problems.
func encodeSummary(s Summary, key string) []byte {
	b := make([]byte, 0, 48+len(s.text)+len(key))
	b = append(b, encSummaryV2)
	for _, str := range []string{key, s.ID(), s.Title()} {
		b = binary.AppendUvarint(b, uint64(len(str)))
		b = append(b, str...)
	}
	b = appendKnown(b, string(s.Status()), statusNames)
	b = appendKnown(b, s.Category(), Categories)
	for _, t := range []int64{s.created, s.updated, s.slot} {
		b = binary.AppendVarint(b, t)
	}
	// Flags: bit 0 the sample mark; bits 1 to 3 the times at the Unix
	// epoch (Summary.epoch), which readers that do not know them take
	// as none, as they always did.
	flags := uint64(s.epoch) << 1
	if s.Sample {
		flags |= 1
	}
	b = binary.AppendUvarint(b, flags)
	b = binary.AppendUvarint(b, uint64(max(s.Problems, 0)))
	return b
}

// statusNames are the statuses as strings, for appendKnown.
var statusNames = func() []string {
	names := make([]string, len(Statuses))
	for i, s := range Statuses {
		names[i] = string(s)
	}
	return names
}()

// appendKnown writes one byte for a value of known (its index plus one),
// or 0 and the value itself.
func appendKnown(b []byte, v string, known []string) []byte {
	for i, k := range known {
		if v == k && i < 255 {
			return append(b, byte(i+1))
		}
	}
	b = append(b, 0)
	b = binary.AppendUvarint(b, uint64(len(v)))
	return append(b, v...)
}

// decodeSummary decodes one summary and its search key.
func decodeSummary(b []byte) (Summary, string, error) {
	s, key, err := decodeSummaryIn(b, nil)
	return s, string(key), err
}

// decodeSummaryIn decodes a summary whose text (id, title, and a status
// or category not among the known ones) is copied into the arena a, or
// into a string of its own when a is nil. Its search key is returned
// apart, still inside b, for the caller to copy where it keeps keys.
func decodeSummaryIn(b []byte, a *arena) (Summary, []byte, error) {
	if len(b) == 0 || (b[0] != encSummaryV1 && b[0] != encSummaryV2) {
		return Summary{}, nil, fmt.Errorf("%w: summary encoding", ErrCorrupt)
	}
	r := reader{b: b[1:]}
	var key, id, title, status, category []byte
	var statusCode, categoryCode uint8
	if b[0] == encSummaryV1 {
		status, category = r.bytes(), r.bytes()
		statusCode, categoryCode = codeOf(status, statusNames), codeOf(category, Categories)
		title = r.bytes()
		key = r.bytes()
		id = r.bytes()
	} else {
		key = r.bytes()
		id = r.bytes()
		title = r.bytes()
		statusCode, status = r.code(statusNames)
		categoryCode, category = r.code(Categories)
	}
	created, updated, slot := r.varint(), r.varint(), r.varint()
	flags := r.uvarint()
	problems := r.uvarint()
	if r.err != nil {
		return Summary{}, nil, r.err
	}
	s := newSummary(a, id, title, statusCode, status, categoryCode, category)
	s.created, s.updated, s.slot = created, updated, slot
	s.Sample = flags&1 != 0
	s.epoch = uint8(flags>>1) & (epochCreated | epochUpdated | epochSlot)
	s.Problems = int32(min(problems, 1<<20))
	return s, key, nil
}

// summaryStatus reads only the status of a stored summary, without
// allocating: scans over every post (Revalidate) need nothing else.
func summaryStatus(b []byte) (Status, error) {
	if len(b) == 0 || (b[0] != encSummaryV1 && b[0] != encSummaryV2) {
		return "", fmt.Errorf("%w: summary encoding", ErrCorrupt)
	}
	r := reader{b: b[1:]}
	var st Status
	if b[0] == encSummaryV1 {
		st = internStatus(r.bytes())
	} else {
		r.bytes()
		r.bytes()
		r.bytes()
		st = Status(r.known(statusNames))
	}
	return st, r.err
}

// reader walks a binary record and remembers the first error, so a damaged
// value yields ErrCorrupt rather than a panic or a half-read record.
type reader struct {
	b   []byte
	err error
}

func (r *reader) uvarint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// bytes returns the next length-prefixed field, still inside the record.
func (r *reader) bytes() []byte {
	n := r.uvarint()
	if r.err != nil {
		return nil
	}
	if n > uint64(len(r.b)) {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return nil
	}
	b := r.b[:n]
	r.b = r.b[n:]
	return b
}

// arena hands out the text of many summaries from a few large blocks.
// The backlog loads every summary when the desk opens: with 100,000 posts
// that is two hundred thousand ids and titles, and allocating them one by
// one is much of the cold start. Bytes already handed out are never written again, so
// the strings stay immutable.
type arena struct{ buf []byte }

const arenaBlock = 256 << 10

// alloc hands out n bytes for the caller to fill once, at once; from a
// nil arena, bytes of their own.
func (a *arena) alloc(n int) []byte {
	if a == nil {
		return make([]byte, n)
	}
	if n > cap(a.buf)-len(a.buf) {
		a.buf = make([]byte, 0, max(arenaBlock, n))
	}
	start := len(a.buf)
	a.buf = a.buf[:start+n]
	return a.buf[start : start+n : start+n]
}

// internStatus shares the few statuses every summary repeats instead of
// allocating one per post.
func internStatus(b []byte) Status {
	if c := codeOf(b, statusNames); c != codeUnnamed {
		return Statuses[c-1]
	}
	return Status(b)
}

func (r *reader) varint() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b)
	if n <= 0 {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return 0
	}
	r.b = r.b[n:]
	return v
}

// known reads what appendKnown wrote.
func (r *reader) known(known []string) string {
	if r.err != nil {
		return ""
	}
	if len(r.b) == 0 {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return ""
	}
	i := int(r.b[0])
	r.b = r.b[1:]
	switch {
	case i == 0:
		return string(r.bytes())
	case i > len(known):
		r.err = fmt.Errorf("%w: unknown value %d", ErrCorrupt, i)
		return ""
	}
	return known[i-1]
}

// code reads what appendKnown wrote as a summary keeps it: the value's
// code, or codeUnnamed and the value, still inside the record.
func (r *reader) code(known []string) (uint8, []byte) {
	if r.err != nil {
		return codeUnnamed, nil
	}
	if len(r.b) == 0 {
		r.err = fmt.Errorf("%w: truncated summary", ErrCorrupt)
		return codeUnnamed, nil
	}
	i := int(r.b[0])
	r.b = r.b[1:]
	switch {
	case i == 0:
		return codeUnnamed, r.bytes()
	case i > len(known):
		r.err = fmt.Errorf("%w: unknown value %d", ErrCorrupt, i)
		return codeUnnamed, nil
	case i > codeMask:
		return codeUnnamed, []byte(known[i-1])
	}
	return uint8(i), nil
}

// summaryKeyLen reads how long a stored summary's search key is, without
// decoding the record, so that the backlog allocates the room for every
// key once, at its size. The current encoding starts with the key, so
// that this reads one or two bytes a record.
func summaryKeyLen(b []byte) int {
	if len(b) == 0 {
		return 0
	}
	r := reader{b: b[1:]}
	if b[0] == encSummaryV1 {
		r.bytes() // status
		r.bytes() // category
		r.bytes() // title
	}
	return len(r.bytes())
}

func u64key(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }
