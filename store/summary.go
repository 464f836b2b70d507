package store

import (
	"encoding/binary"
	"math"
	"time"
	"unsafe"
)

// Summary is the compact record the backlog lists: enough to draw a row,
// count the tabs and filter, without decoding any post body. The desk
// holds one for every post for as long as it is open, so it takes 56
// bytes and the bytes of its id and title: the id and the title share one
// string, a status or a category the desk knows is a small number, and
// the times are Unix nanoseconds (a third of a time.Time). All but the
// sample mark and the problems are read through methods.
type Summary struct {
	// text is the id, then the title, then what the codes do not name:
	// the category, then the status. When neither is named, the category
	// comes after its length (a uvarint), so that the two can be told
	// apart.
	text string

	created, updated, slot int64 // Unix nanoseconds, 0 for none

	Problems int32 // errors the checks found at the last save (Post.Problems)

	idEnd, titleEnd uint32 // where the id and the title end in text

	// codes names the status (low four bits, its index in Statuses plus
	// one) and the category (high four bits, its index in Categories plus
	// one); 0 for one written out in text.
	codes uint8

	Sample bool

	// epoch marks the times that are 1970-01-01T00:00:00Z exactly, whose
	// Unix nanoseconds are the 0 that otherwise means none: bit 0 created,
	// bit 1 updated, bit 2 slot.
	epoch uint8
}

// ID is the post's id.
func (s Summary) ID() string { return s.text[:s.idEnd] }

// Title is the post's short internal title.
func (s Summary) Title() string { return s.text[s.idEnd:s.titleEnd] }

// Status is where the post stands.
func (s Summary) Status() Status {
	if c := s.codes & codeMask; c != 0 {
		return Statuses[c-1]
	}
	tail := s.text[s.titleEnd:]
	if s.codes>>codeBits == codeUnnamed {
		n, k := lengthIn(tail)
		tail = tail[k+n:]
	}
	return Status(tail)
}

// Category is the post's category, one of Categories or typed by hand.
func (s Summary) Category() string {
	c := s.codes >> codeBits
	if c != 0 {
		return Categories[c-1]
	}
	tail := s.text[s.titleEnd:]
	if s.codes&codeMask != 0 {
		return tail
	}
	n, k := lengthIn(tail)
	return tail[k : k+n]
}

// Created is when the post was first saved.
func (s Summary) Created() time.Time { return fromUnixNano(s.created, s.epoch&epochCreated != 0) }

// Updated is when the post was last saved.
func (s Summary) Updated() time.Time { return fromUnixNano(s.updated, s.epoch&epochUpdated != 0) }

// Slot is the week slot the post is planned in, zero when it is not.
func (s Summary) Slot() time.Time { return fromUnixNano(s.slot, s.epoch&epochSlot != 0) }

// Summary is the post's backlog record (its search key is SearchKey).
func (p Post) Summary() Summary {
	status, category := []byte(p.Status), []byte(p.Category)
	s := newSummary(nil, []byte(p.ID), []byte(p.Title),
		codeOf(status, statusNames), status, codeOf(category, Categories), category)
	s.Problems = int32(min(max(p.Problems, 0), math.MaxInt32))
	s.Sample = p.Sample
	s.setTimes(p.Created, p.Updated, p.PlannedFor())
	return s
}

// The status's and the category's codes share a byte.
const (
	codeBits    = 4
	codeMask    = 1<<codeBits - 1
	codeUnnamed = 0 // written out in the summary's text
)

// codeOf is the code of a value among known: its index plus one, or
// codeUnnamed for a value not among them (or beyond what a code names).
func codeOf(v []byte, known []string) uint8 {
	for i, k := range known {
		if string(v) == k && i < codeMask {
			return uint8(i + 1)
		}
	}
	return codeUnnamed
}

// newSummary is the summary of a post with this id and title, its status
// and category named by their codes or, for a code of codeUnnamed,
// written out. The bytes are copied into the arena a, or into a string of
// their own when a is nil.
func newSummary(a *arena, id, title []byte, statusCode uint8, status []byte, categoryCode uint8, category []byte) Summary {
	n := len(id) + len(title)
	if categoryCode == codeUnnamed {
		n += len(category)
		if statusCode == codeUnnamed {
			n += uvarintLen(uint64(len(category)))
		}
	}
	if statusCode == codeUnnamed {
		n += len(status)
	}
	s := Summary{
		idEnd:    uint32(len(id)),
		titleEnd: uint32(len(id) + len(title)),
		codes:    statusCode | categoryCode<<codeBits,
	}
	if n == 0 {
		return s
	}
	buf := a.alloc(n)
	k := copy(buf, id)
	k += copy(buf[k:], title)
	if categoryCode == codeUnnamed {
		if statusCode == codeUnnamed {
			k += binary.PutUvarint(buf[k:], uint64(len(category)))
		}
		k += copy(buf[k:], category)
	}
	if statusCode == codeUnnamed {
		copy(buf[k:], status)
	}
	s.text = unsafe.String(&buf[0], n)
	return s
}

func uvarintLen(v uint64) int {
	var b [binary.MaxVarintLen64]byte
	return binary.PutUvarint(b[:], v)
}

// lengthIn reads the length that newSummary wrote before a category at
// the start of s: the length, and how many bytes it took.
func lengthIn(s string) (n, size int) {
	var v uint64
	for shift := 0; size < len(s); shift += 7 {
		c := s[size]
		size++
		v |= uint64(c&0x7f) << shift
		if c < 0x80 {
			break
		}
	}
	return int(v), size
}

// setTimes keeps the three times as Unix nanoseconds.
func (s *Summary) setTimes(created, updated, slot time.Time) {
	s.created, s.updated, s.slot = unixNano(created), unixNano(updated), unixNano(slot)
	s.epoch = epochBits(created, updated, slot)
}

// The bits of Summary.epoch.
const (
	epochCreated uint8 = 1 << iota
	epochUpdated
	epochSlot
)

func fromUnixNano(n int64, epoch bool) time.Time {
	if n == 0 && !epoch {
		return time.Time{}
	}
	return time.Unix(0, n)
}

func unixNano(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// epochBits marks, among the given times, those at the Unix epoch.
func epochBits(created, updated, slot time.Time) uint8 {
	var bits uint8
	for i, t := range []time.Time{created, updated, slot} {
		if !t.IsZero() && t.UnixNano() == 0 {
			bits |= 1 << i
		}
	}
	return bits
}
