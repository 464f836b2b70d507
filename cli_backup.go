package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"time"

	"crieur/store"
)

// The desk answers backup requests on a Unix socket beside the data file,
// in the data folder only its owner may enter: crieur backup, finding the
// file held, asks the desk to make the copy, which it does in a read
// transaction while it keeps working.

// deskSocket is where the desk of the data file at path listens.
func deskSocket(path string) string { return filepath.Join(filepath.Dir(path), ".crieur-desk.sock") }

// backupRequest and backupAnswer are one line of JSON each way.
type backupRequest struct {
	Path string `json:"path"` // absolute
}

type backupAnswer struct {
	Path  string `json:"path,omitempty"`
	Error string `json:"error,omitempty"`
}

// backupAnswerTimeout is how long crieur backup waits for the desk's copy.
const backupAnswerTimeout = 10 * time.Minute

// serveBackups makes backups for crieur backup while the desk holds the
// file, until stop is called. Without a socket (a file system that has
// none, a path too long for one) the desk opens all the same, and crieur
// backup says what to do.
func (c *cli) serveBackups(st *store.Store) (stop func()) {
	sock := deskSocket(st.Path())
	// Left by a desk that was killed: this desk holds the file's lock, so
	// no other desk is listening there.
	if info, err := os.Lstat(sock); err == nil && info.Mode()&fs.ModeSocket != 0 {
		os.Remove(sock)
	}
	l, err := net.Listen("unix", sock)
	if err != nil {
		return func() {}
	}
	os.Chmod(sock, 0o600)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			conn, err := l.Accept()
			if err != nil {
				return
			}
			c.answerBackup(st, conn)
		}
	}()
	return func() {
		l.Close()
		<-done
		os.Remove(sock)
	}
}

// answerBackup makes the backup one request asks for.
func (c *cli) answerBackup(st *store.Store, conn net.Conn) {
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(backupAnswerTimeout))
	var req backupRequest
	var ans backupAnswer
	line, err := bufio.NewReader(io.LimitReader(conn, 64<<10)).ReadBytes('\n')
	switch {
	case err != nil:
		return
	case json.Unmarshal(line, &req) != nil || !filepath.IsAbs(req.Path):
		ans.Error = c.w().Backup.NotAbsolute
	default:
		if err := st.Backup(req.Path); err != nil {
			ans.Error = c.backupError(st.Path(), req.Path, err).Error()
		} else {
			ans.Path = req.Path
		}
	}
	b, _ := json.Marshal(ans)
	conn.Write(append(b, '\n'))
}

// askDesk asks the desk that holds the data file for a backup at path.
func (c *cli) askDesk(dataPath, path string) (string, error) {
	conn, err := net.DialTimeout("unix", deskSocket(dataPath), time.Second)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(backupAnswerTimeout))
	b, _ := json.Marshal(backupRequest{Path: path})
	if _, err := conn.Write(append(b, '\n')); err != nil {
		return "", err
	}
	line, err := bufio.NewReader(io.LimitReader(conn, 64<<10)).ReadBytes('\n')
	if err != nil {
		return "", fmt.Errorf(c.w().Backup.NoAnswer, err)
	}
	var ans backupAnswer
	if err := json.Unmarshal(line, &ans); err != nil {
		return "", fmt.Errorf(c.w().Backup.BadAnswer, err)
	}
	if ans.Error != "" {
		return "", errAnswered{ans.Error}
	}
	return ans.Path, nil
}

// errAnswered is the desk's own sentence about a backup it could not make.
type errAnswered struct{ msg string }

func (e errAnswered) Error() string { return e.msg }

// backupError words a failed backup to path for the person at the
// terminal.
func (c *cli) backupError(dataPath, path string, err error) error {
	switch {
	case errors.Is(err, store.ErrBackupExists):
		return fmt.Errorf(c.w().Backup.Exists, path)
	case errors.Is(err, os.ErrPermission) || diskFull(err):
		// The copy's folder or disk, not the data file: the error names it.
		return fmt.Errorf(c.w().Backup.Failed, c.osError(err))
	}
	return c.explain(dataPath, err)
}

func (c *cli) backupCommand(fs *flag.FlagSet) func([]string) error {
	return func(args []string) error {
		w := &c.w().Backup
		if len(args) > 1 {
			return usageError{w.TooMany}
		}
		if ok, err := c.exists(); !ok {
			if err == nil {
				err = fmt.Errorf(w.NoData, c.dataPath())
			}
			return err
		}
		dataPath := c.dataPath()
		path := filepath.Join(store.BackupDirFor(dataPath), "crieur-"+c.now().Format("2006-01-02-150405")+".db")
		if len(args) == 1 {
			path = c.inDir(args[0])
		}
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf(w.Exists, path)
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			return c.osError(err)
		}
		st, err := c.held, error(nil)
		if st == nil {
			st, err = store.Open(dataPath, store.Options{Timeout: lockTimeout, Now: c.now})
		} else {
			st = st.As("") // this process holds the file: the command came through its socket
		}
		if errors.Is(err, store.ErrLocked) {
			return c.backupFromDesk(dataPath, abs, path)
		}
		if err != nil {
			return c.explain(dataPath, err)
		}
		defer st.Close()
		if path == filepath.Join(st.BackupDir(), filepath.Base(path)) {
			store.RemoveBackupLeftovers(st.BackupDir())
		}
		if err := st.Backup(path); err != nil {
			return c.backupError(st.Path(), path, err)
		}
		fmt.Fprintln(c.stdout, path)
		return nil
	}
}

// backupFromDesk asks the open desk for the backup; a desk that does not
// answer is said so, with what to do.
func (c *cli) backupFromDesk(dataPath, abs, shown string) error {
	made, err := c.askDesk(dataPath, abs)
	var answered errAnswered
	switch {
	case err == nil:
		if made == abs {
			made = shown
		}
		fmt.Fprintln(c.stdout, made)
		return nil
	case errors.As(err, &answered):
		return err
	}
	w := &c.w().Backup
	latest := store.LatestBackup(dataPath)
	if latest == "" {
		latest = w.NoneYet
	}
	return fmt.Errorf(w.DeskSilent, dataPath, err, store.BackupDirFor(dataPath), latest)
}
