package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// KeepBackups is how many daily backups are kept beside the data file.
const KeepBackups = 7

// The names crieur gives the files it writes in the backups folder. Only
// these are ever removed, and the daily ones only if crieur recorded
// making them (keyDailyBackups).
const (
	dailyLayout   = "2006-01-02"
	backupPrefix  = "crieur-"
	backupSuffix  = ".db"
	partPrefix    = ".crieur-backup-"
	partSuffix    = ".part"
	oldPartSuffix = ".db.part" // what crieur named its half-written copies before
)

// keyDailyBackups holds, in the meta bucket, the names of the daily
// backups crieur made (a JSON list): rotation removes those and nothing
// else, whatever else the folder holds.
var keyDailyBackups = []byte("daily-backups")

// BackupDir is the folder beside the data file that holds its backups.
func (s *Store) BackupDir() string { return BackupDirFor(s.path) }

// BackupDirFor is the backups folder of the data file at path, for the
// messages that name it when the file cannot be opened.
func BackupDirFor(path string) string { return filepath.Join(filepath.Dir(path), "backups") }

// ErrBackupExists marks a backup refused because its name is taken: a
// backup never replaces a file, nor writes through a symbolic link.
var ErrBackupExists = errors.New("a file of that name exists already")

// Backup writes a consistent copy of the file to path, taken inside a read
// transaction while the desk keeps working. The copy is written to a new
// file of its own beside path (created exclusively, so never through a
// link someone planted), synced, and then given its name, which must be
// free: a half-written backup never carries the final name, and a backup
// never replaces anything.
func (s *Store) Backup(path string) error {
	if sameFile(path, s.path) {
		return fmt.Errorf("backup to %s: that is the data file itself", path)
	}
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup to %s: %w", path, ErrBackupExists)
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("backup folder: %w", err)
	}
	f, err := os.CreateTemp(dir, partPrefix+"*"+partSuffix) // O_EXCL, mode 0600
	if err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	tmp := f.Name()
	err = s.view(func(tx *bolt.Tx) error {
		if _, err := tx.WriteTo(f); err != nil {
			return err
		}
		return f.Sync()
	})
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = publishBackup(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	syncDir(dir)
	return nil
}

// publishBackup gives the finished copy at tmp its name, which must be free. A
// hard link fails rather than replace anything; on a file system without
// them, a rename after looking.
func publishBackup(tmp, path string) error {
	err := os.Link(tmp, path)
	switch {
	case err == nil:
		return os.Remove(tmp)
	case errors.Is(err, fs.ErrExist):
		return ErrBackupExists
	}
	if _, lerr := os.Lstat(path); lerr == nil {
		return ErrBackupExists
	}
	return os.Rename(tmp, path)
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

func sameFile(a, b string) bool {
	ia, errA := os.Stat(a)
	ib, errB := os.Stat(b)
	if errA == nil && errB == nil {
		return os.SameFile(ia, ib)
	}
	absA, errA := filepath.Abs(a)
	absB, errB := filepath.Abs(b)
	return errA == nil && errB == nil && absA == absB
}

// DailyBackup makes today's backup in BackupDir if there is none yet, and
// keeps the last KeepBackups of those crieur made. It first removes what a
// backup cut short left there. It returns the path written, or "" when
// today's backup already existed.
func (s *Store) DailyBackup() (string, error) {
	dir := s.BackupDir()
	RemoveBackupLeftovers(dir)
	name := backupPrefix + s.now().Format(dailyLayout) + backupSuffix
	path := filepath.Join(dir, name)
	if _, err := os.Lstat(path); err == nil {
		return "", nil
	}
	if err := s.Backup(path); err != nil {
		if errors.Is(err, ErrBackupExists) {
			return "", nil
		}
		return "", err
	}
	return path, s.rotateBackups(dir, name)
}

// RemoveBackupLeftovers removes from dir the half-written copies of
// backups that were cut short (a kill, a crash, a full disk): files
// crieur named, and nothing else.
func RemoveBackupLeftovers(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		ours := strings.HasPrefix(n, partPrefix) && strings.HasSuffix(n, partSuffix)
		if old, ok := strings.CutSuffix(n, oldPartSuffix); ok {
			ours = ours || isDaily(old+backupSuffix)
		}
		if ours && e.Type()&fs.ModeType&^fs.ModeSymlink == 0 {
			os.Remove(filepath.Join(dir, n)) // a link itself, never what it points to
		}
	}
}

// isDaily reports whether name is a daily backup's: crieur-YYYY-MM-DD.db
// with a real date.
func isDaily(name string) bool {
	day, ok := strings.CutPrefix(name, backupPrefix)
	if !ok {
		return false
	}
	day, ok = strings.CutSuffix(day, backupSuffix)
	if !ok {
		return false
	}
	t, err := time.Parse(dailyLayout, day)
	return err == nil && t.Format(dailyLayout) == day
}

// rotateBackups records the daily backup just made and removes the
// oldest of those crieur recorded beyond KeepBackups. A file crieur did
// not record is never removed. The first time, when nothing is recorded
// yet, the regular files of dir named as daily backups (from a crieur that
// did not record them) are taken as its own.
func (s *Store) rotateBackups(dir, made string) error {
	var drop []string
	err := s.update(func(tx *bolt.Tx) error {
		meta, err := bucket(tx, bucketMeta)
		if err != nil {
			return err
		}
		var names []string
		if v := meta.Get(keyDailyBackups); v != nil {
			if err := json.Unmarshal(v, &names); err != nil {
				return fmt.Errorf("%w: the list of daily backups: %v", ErrCorrupt, err)
			}
		} else {
			names = existingDailies(dir)
		}
		if !slices.Contains(names, made) {
			names = append(names, made)
		}
		slices.Sort(names)
		names = slices.Compact(names)
		if len(names) > KeepBackups {
			drop = slices.Clone(names[:len(names)-KeepBackups])
			names = names[len(names)-KeepBackups:]
		}
		v, err := json.Marshal(names)
		if err != nil {
			return err
		}
		return meta.Put(keyDailyBackups, v)
	})
	if err != nil {
		return err
	}
	for _, n := range drop {
		path := filepath.Join(dir, n)
		if info, err := os.Lstat(path); err != nil || !info.Mode().IsRegular() {
			continue // gone already, or made a link since: left alone
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

func existingDailies(dir string) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var names []string
	for _, e := range entries {
		if e.Type().IsRegular() && isDaily(e.Name()) {
			names = append(names, e.Name())
		}
	}
	return names
}

// LatestBackup is the newest daily backup crieur made beside the data file
// at path, or "" when there is none: what a person is told to use when
// they cannot make one now.
func LatestBackup(path string) string {
	names := existingDailies(BackupDirFor(path))
	if len(names) == 0 {
		return ""
	}
	slices.Sort(names)
	return filepath.Join(BackupDirFor(path), names[len(names)-1])
}
