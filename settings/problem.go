package settings

import (
	"errors"
	"fmt"
)

// ErrInvalid marks a settings file that cannot be used as it is.
var ErrInvalid = errors.New("bad settings")

// Problem is what the checks found wrong in the settings. It keeps its
// English format and arguments apart, so that the desk and the command
// line can say it in their language: the catalogue holds each format's
// translation, keyed by the format (a test makes sure every format given
// to problem has one). An argument may be a Problem of its own, said in
// turn. errors.Is(p, ErrInvalid) holds.
type Problem struct {
	Format string
	Args   []any
}

// problem is the Problem of a format and its arguments.
func problem(format string, args ...any) error { return &Problem{Format: format, Args: args} }

func (p *Problem) Error() string { return ErrInvalid.Error() + ": " + p.text() }

// Parts are the format and the arguments, for a catalogue to say them.
func (p *Problem) Parts() (string, []any) { return p.Format, p.Args }

// text is the problem in English, inner problems without their prefix.
func (p *Problem) text() string {
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if inner, ok := a.(*Problem); ok {
			a = inner.text()
		}
		args[i] = a
	}
	return fmt.Sprintf(p.Format, args...)
}

// Is makes every Problem an ErrInvalid.
func (p *Problem) Is(target error) bool { return target == ErrInvalid }
