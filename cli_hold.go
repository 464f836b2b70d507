package main

import (
	"bufio"
	"bytes"
	"context"
	bin "encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"time"

	"crieur/store"
	"crieur/ui/i18n"
)

// While a desk or the team desk holds the data file, the commands that
// read or change it go through that process: a local socket beside the
// data file, owner-only, takes the command line and answers with its
// output and exit code. The process runs the command on the file it
// holds, as if it were run here, and tells its desks what changed.

// heldCommands go through the holding process; the others need the file
// to themselves (whatsapp, serve) or defer to the holder (send --due).
var heldCommands = []string{"list", "export", "import", "backup", "sends", "minutes", "calendar", "feeds", "preview"}

// changingCommands may change the file: the holder's desks read it again.
var changingCommands = []string{"import", "sends", "feeds", "minutes"}

// socketPath is the holder's socket, beside the data file.
func socketPath(data string) string { return data + ".sock" }

// request is a command line sent to the holder.
type request struct {
	Args  []string          `json:"args"`  // the command's name and its arguments
	Dir   string            `json:"dir"`   // where it was typed: relative paths start there
	Env   map[string]string `json:"env"`   // the locale, for the language
	Stdin []byte            `json:"stdin"` // the standard input, when the command reads it
}

// maxRequest bounds a request: an import's input at most.
const maxRequest = 64 << 20

// Frames of an answer: a kind byte, a length, the bytes.
const (
	frameStdout = 'o'
	frameStderr = 'e'
	frameExit   = 'x'
)

// hold serves the commands on the socket until ctx ends or the returned
// stop is called. changed runs after a command that may have changed the
// file.
func (c *cli) hold(ctx context.Context, st *store.Store, changed func()) (stop func(), err error) {
	path := socketPath(st.Path())
	// A socket left by a crieur that crashed: this process holds the
	// file now, so no one answers on it.
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("local socket %s: %w", path, err)
	}
	l, err := listenUnix(path)
	if err != nil {
		return nil, fmt.Errorf("local socket %s: %w", path, err)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		l.Close()
		return nil, fmt.Errorf("local socket %s: %w", path, err)
	}
	var wg sync.WaitGroup
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
		case <-done:
		}
		l.Close()
	}()
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				c.serveCommandLine(conn, st, changed)
			}()
		}
	}()
	var once sync.Once
	return func() {
		once.Do(func() {
			close(done)
			wg.Wait()
			os.Remove(path)
		})
	}, nil
}

// serveCommandLine runs one command sent on the socket.
func (c *cli) serveCommandLine(conn net.Conn, st *store.Store, changed func()) {
	defer conn.Close()
	if !samePerson(conn) {
		return
	}
	var req request
	if err := json.NewDecoder(io.LimitReader(conn, maxRequest)).Decode(&req); err != nil || len(req.Args) == 0 {
		return
	}
	out := &frames{w: conn}
	sub := &cli{
		stdin:  bytes.NewReader(req.Stdin),
		stdout: out.writer(frameStdout),
		stderr: out.writer(frameStderr),
		getenv: func(k string) string { return req.Env[k] },
		now:    c.now,
		db:     c.dataPath(), config: c.configPath(), lang: c.lang, offline: c.offline,
		whatsapp: c.whatsapp,
		held:     st,
		dir:      req.Dir,
	}
	code := sub.run(req.Args)
	if slices.Contains(changingCommands, req.Args[0]) && changed != nil {
		changed()
	}
	out.write(frameExit, []byte(strconv.Itoa(code)))
}

// forward runs the command on the holder when a crieur holds the data
// file; ok is false when none answers on the socket, and the command runs
// here.
func (c *cli) forward(args []string) (code int, ok bool) {
	if c.held != nil || len(args) == 0 || !slices.Contains(heldCommands, args[0]) {
		return 0, false
	}
	conn, err := dialUnix(socketPath(c.dataPath()))
	if err != nil {
		return 0, false
	}
	defer conn.Close()
	dir, _ := os.Getwd()
	req := request{Args: args, Dir: dir, Env: map[string]string{}}
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := c.getenv(k); v != "" {
			req.Env[k] = v
		}
	}
	if args[0] == "import" && slices.Contains(args[1:], "-") {
		data, err := io.ReadAll(io.LimitReader(c.stdin, maxRequest))
		if err != nil {
			c.fail(fmt.Errorf("read the standard input: %w", err))
			return exitError, true
		}
		req.Stdin = data
	}
	if err := json.NewEncoder(conn).Encode(req); err != nil {
		return 0, false
	}
	r := bufio.NewReader(conn)
	for {
		kind, data, err := readFrame(r)
		if err != nil {
			c.fail(fmt.Errorf("the crieur holding %s stopped before answering", c.dataPath()))
			return exitError, true
		}
		switch kind {
		case frameStdout:
			c.stdout.Write(data)
		case frameStderr:
			c.stderr.Write(data)
		case frameExit:
			n, err := strconv.Atoi(string(data))
			if err != nil {
				return exitError, true
			}
			return n, true
		}
	}
}

// inDir is a path typed with the command, relative to where it was typed.
func (c *cli) inDir(p string) string {
	if c.dir == "" || p == "-" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

// frames writes an answer's frames, one at a time.
type frames struct {
	mu sync.Mutex
	w  io.Writer
}

func (f *frames) write(kind byte, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var head [5]byte
	head[0] = kind
	bin.BigEndian.PutUint32(head[1:], uint32(len(data)))
	if _, err := f.w.Write(head[:]); err != nil {
		return err
	}
	_, err := f.w.Write(data)
	return err
}

func (f *frames) writer(kind byte) io.Writer { return frameWriter{f, kind} }

type frameWriter struct {
	f    *frames
	kind byte
}

func (w frameWriter) Write(p []byte) (int, error) {
	total := len(p)
	for len(p) > 0 {
		n := min(len(p), 1<<20)
		if err := w.f.write(w.kind, p[:n]); err != nil {
			return total - len(p), err
		}
		p = p[n:]
	}
	return total, nil
}

func readFrame(r *bufio.Reader) (byte, []byte, error) {
	var head [5]byte
	if _, err := io.ReadFull(r, head[:]); err != nil {
		return 0, nil, err
	}
	n := bin.BigEndian.Uint32(head[1:])
	if n > 1<<20 {
		return 0, nil, errors.New("frame too large")
	}
	data := make([]byte, n)
	if _, err := io.ReadFull(r, data); err != nil {
		return 0, nil, err
	}
	return head[0], data, nil
}

// dialTimeout bounds the wait for the holder to take a command.
const dialTimeout = time.Second

// globalArgs are the options of this command line that the holder must
// apply too: the language and offline; the paths are its own.
func (c *cli) globalArgs() []string {
	var out []string
	if c.lang != "" {
		out = append(out, "--lang", c.lang)
	}
	if c.offline {
		out = append(out, "--offline")
	}
	return out
}

// fileToItself says, in one line, that a command which must have the data
// file to itself cannot run while another crieur holds it.
func (c *cli) fileToItself() error {
	if c.held != nil {
		return nil
	}
	conn, err := dialUnix(socketPath(c.dataPath()))
	if err != nil {
		return nil
	}
	conn.Close()
	conf, _ := c.settings()
	return fmt.Errorf(i18n.For(c.language(conf)).Team.MustHoldFile, c.dataPath())
}
