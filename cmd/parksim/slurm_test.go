package main

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestSlurmShardsThenMerge runs an experiment on a one-node Slurm cluster
// of its own, as deploy/slurm submits it: an array of shards and a merge
// that waits for them. The merged report must be the unsharded run's.
func TestSlurmShardsThenMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("the Slurm cluster takes seconds to start: not in -short")
	}
	skipWithoutSlurm(t)
	dir := t.TempDir()
	bin := buildParksim(t, dir)
	start := time.Now()
	c := startSlurm(t, filepath.Join(dir, "slurm"))
	t.Logf("the cluster was up in %v", time.Since(start).Round(time.Millisecond))
	start = time.Now()

	const shards = 3
	out, logs := filepath.Join(dir, "sharded"), filepath.Join(dir, "logs")
	require.NoError(t, os.Mkdir(logs, 0o755))
	c.jobLogs = logs
	submit := exec.Command("../../deploy/slurm/submit.sh",
		"-p", bin, "-e", "example", "-o", out, "-n", fmt.Sprint(shards))
	submit.Env = append(c.env(), "LOGS="+logs)
	printed, err := submit.Output()
	require.NoError(t, err, "submit.sh: %s", stderrOf(err))
	ids := map[string]string{}
	for line := range strings.Lines(string(printed)) {
		k, v, ok := strings.Cut(strings.TrimSpace(line), "=")
		require.True(t, ok, "submit.sh printed %q, not KEY=JOBID lines", printed)
		ids[k] = v
	}
	require.NotEmpty(t, ids["shards"], "submit.sh printed no shards job: %q", printed)
	require.NotEmpty(t, ids["merge"], "submit.sh printed no merge job: %q", printed)

	states := c.waitJob(ids["shards"], 3*time.Minute)
	require.Len(t, states, shards, "the array's tasks")
	for _, s := range states {
		require.Equal(t, "COMPLETED", s, "a shard of job %s", ids["shards"])
	}
	require.Equal(t, []string{"COMPLETED"}, c.waitJob(ids["merge"], 2*time.Minute), "the merge, job %s", ids["merge"])
	t.Logf("%d shards and the merge ran in %v", shards, time.Since(start).Round(time.Millisecond))

	whole := filepath.Join(dir, "whole")
	batch := exec.Command(bin, "batch", "example", "--out", whole)
	batch.Env = c.env()
	combined, err := batch.CombinedOutput()
	require.NoError(t, err, "the unsharded run: %s", combined)
	require.Equal(t,
		string(readFile(t, filepath.Join(whole, "report", "report.json"))),
		string(readFile(t, filepath.Join(out, "report", "report.json"))),
		"report.json: unsharded (expected) and merged from %d Slurm shards (actual)", shards)
	// The rest of the report too: the same files with the same bytes.
	wholeReport, merged := dirContents(t, filepath.Join(whole, "report")), dirContents(t, filepath.Join(out, "report"))
	require.Equal(t, slices.Sorted(maps.Keys(wholeReport)), slices.Sorted(maps.Keys(merged)), "the report's files")
	for name, data := range wholeReport {
		require.True(t, bytes.Equal(data, merged[name]), "report/%s differs between the unsharded run and the merge", name)
	}
}

// slurmCommands are what the cluster and the deploy/slurm scripts need.
var slurmCommands = []string{"munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo", "squeue", "scancel"}

func skipWithoutSlurm(t *testing.T) {
	t.Helper()
	for _, name := range slurmCommands {
		if _, err := exec.LookPath(name); err != nil {
			t.Skipf("Slurm is not installed (no %s on PATH): apt-get install slurmctld slurmd slurm-client munge, or run .ci/run", name)
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("the one-node Slurm cluster runs its daemons and jobs as root: run the test as root, or run .ci/run")
	}
}

// buildParksim builds the program into dir, as the jobs run it.
func buildParksim(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	require.NoError(t, err, "building parksim needs the go command on PATH")
	bin := filepath.Join(dir, "parksim")
	build := exec.Command(goTool, "build", "-o", bin, ".")
	combined, err := build.CombinedOutput()
	require.NoError(t, err, "go build: %s", combined)
	return bin
}

// slurmCluster is a controller, one node and a munge daemon, all under one
// folder and on ports of their own, so that they clash neither with each
// other's runs nor with a Slurm or munge the machine already has.
type slurmCluster struct {
	t       *testing.T
	dir     string
	conf    string    // slurm.conf, named by SLURM_CONF in every command's environment
	daemons []*daemon // in the order they started
	jobLogs string    // the folder of the jobs' output files, printed on failure
}

type daemon struct {
	name string
	cmd  *exec.Cmd
	log  string
	done chan struct{} // closed when the process has exited
	err  error         // the exit's error, after done
}

// slurmNode is the node's name; its address is 127.0.0.1.
const slurmNode = "parksim"

// startSlurm starts the cluster in dir and waits until the node is idle.
// The daemons are stopped when the test ends, whatever happens, and their
// logs and the jobs' output printed if it failed.
func startSlurm(t *testing.T, dir string) *slurmCluster {
	t.Helper()
	c := &slurmCluster{t: t, dir: dir, conf: filepath.Join(dir, "slurm.conf")}
	for _, sub := range []string{"state", "spool", "log"} {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, sub), 0o700))
	}
	t.Cleanup(c.stop)

	// The socket is in dir rather than /run/munge, so that a munged the
	// machine already runs is neither disturbed nor used; slurm.conf's
	// AuthInfo points every Slurm command, daemon and job step to it. The
	// key is the machine's if it has one (as the package installs it),
	// else one of the test's own.
	socket := filepath.Join(dir, "munge.socket")
	key := "/etc/munge/munge.key"
	if _, err := os.Stat(key); err != nil {
		key = filepath.Join(dir, "munge.key")
		secret := make([]byte, 1024)
		rand.Read(secret)
		require.NoError(t, os.WriteFile(key, secret, 0o400))
	}
	// --force: munged running as root refuses a key that root does not
	// own, and the package's belongs to the munge user.
	c.start("munged", "munged", "--foreground", "--force", "--socket="+socket, "--key-file="+key,
		"--pid-file="+filepath.Join(dir, "munged.pid"), "--seed-file="+filepath.Join(dir, "munged.seed"))
	c.waitFor("munged's socket", 10*time.Second, func() error {
		_, err := os.Stat(socket)
		return err
	})

	ports := freePorts(t, 2)
	conf := fmt.Sprintf(`ClusterName=parksimtest
SlurmctldHost=localhost
SlurmctldPort=%d
SlurmdPort=%d
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=%s
StateSaveLocation=%s
SlurmdSpoolDir=%s
SlurmctldPidFile=%s
SlurmdPidFile=%s
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
SwitchType=switch/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
DependencyParameters=kill_invalid_depend
ReturnToService=2
NodeName=%s NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=%d State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
`, ports[0], ports[1], socket, filepath.Join(dir, "state"), filepath.Join(dir, "spool"),
		filepath.Join(dir, "slurmctld.pid"), filepath.Join(dir, "slurmd.pid"), slurmNode, runtime.NumCPU())
	require.NoError(t, os.WriteFile(c.conf, []byte(conf), 0o644))

	c.start("slurmctld", "slurmctld", "-D")
	c.start("slurmd", "slurmd", "-D", "-N", slurmNode)
	c.waitFor("the node to be idle", 30*time.Second, func() error {
		state, err := c.output("sinfo", "--noheader", "--nodes="+slurmNode, "--format=%T")
		if err != nil {
			return err
		}
		if state = strings.TrimSpace(state); state != "idle" {
			return fmt.Errorf("sinfo says the node is %q", state)
		}
		return nil
	})
	return c
}

// env is the environment for Slurm commands and jobs: the test's, without
// whatever Slurm or Kubernetes settings it may carry, naming this cluster.
func (c *slurmCluster) env() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "SLURM_") || strings.HasPrefix(name, "SBATCH_") ||
			strings.HasPrefix(name, "SQUEUE_") || strings.HasPrefix(name, "SINFO_") ||
			name == "JOB_COMPLETION_INDEX" {
			continue
		}
		env = append(env, kv)
	}
	return append(env, "SLURM_CONF="+c.conf)
}

// start starts a daemon in the foreground, its output in log/NAME.log.
func (c *slurmCluster) start(name string, args ...string) {
	c.t.Helper()
	d := &daemon{name: name, log: filepath.Join(c.dir, "log", name+".log"), done: make(chan struct{})}
	f, err := os.Create(d.log)
	require.NoError(c.t, err)
	defer f.Close()
	d.cmd = exec.Command(args[0], args[1:]...)
	d.cmd.Env = c.env()
	d.cmd.Stdout, d.cmd.Stderr = f, f
	require.NoError(c.t, d.cmd.Start(), "starting %s", name)
	c.daemons = append(c.daemons, d)
	go func() {
		d.err = d.cmd.Wait()
		close(d.done)
	}()
}

// output runs a Slurm command on the cluster and returns its standard output.
func (c *slurmCluster) output(name string, args ...string) (string, error) {
	cmd := exec.Command(name, args...)
	cmd.Env = c.env()
	out, err := cmd.Output()
	if err != nil {
		return string(out), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, stderrOf(err))
	}
	return string(out), nil
}

// waitFor polls ready until it returns nil, failing the test after timeout
// or when a daemon has died.
func (c *slurmCluster) waitFor(what string, timeout time.Duration, ready func() error) {
	c.t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		err := ready()
		if err == nil {
			return
		}
		for _, d := range c.daemons {
			select {
			case <-d.done:
				c.t.Fatalf("waiting for %s: %s exited: %v", what, d.name, d.err)
			default:
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("waiting for %s: still not after %v: %v", what, timeout, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// finalJobStates are the states a job does not leave.
var finalJobStates = map[string]bool{
	"COMPLETED": true, "FAILED": true, "CANCELLED": true, "TIMEOUT": true, "NODE_FAIL": true,
	"OUT_OF_MEMORY": true, "BOOT_FAIL": true, "DEADLINE": true, "PREEMPTED": true,
}

// waitJob waits until the job (every task, for an array) has ended and
// returns the tasks' final states in scontrol's order. With no accounting
// there is no sacct: scontrol knows a job until MinJobAge (5 minutes) after
// its end.
func (c *slurmCluster) waitJob(id string, timeout time.Duration) []string {
	c.t.Helper()
	var states []string
	c.waitFor("job "+id+" to end", timeout, func() error {
		text, err := c.output("scontrol", "--oneliner", "show", "job", id)
		if err != nil {
			return err
		}
		states = states[:0]
		pending := 0
		lines := bufio.NewScanner(strings.NewReader(text))
		for lines.Scan() {
			for field := range strings.FieldsSeq(lines.Text()) {
				if state, ok := strings.CutPrefix(field, "JobState="); ok {
					states = append(states, state)
					if !finalJobStates[state] {
						pending++
					}
				}
			}
		}
		if len(states) == 0 || pending > 0 {
			return fmt.Errorf("job states %v", states)
		}
		return nil
	})
	return states
}

// stop cancels the jobs left, stops the daemons (the last started first) by
// their process ids, and prints the logs if the test failed.
func (c *slurmCluster) stop() {
	// A job still queued or running would leave its processes behind when
	// the node stops: cancel them and wait for them to end.
	if queued := c.queued(); len(queued) > 0 {
		if _, err := c.output("scancel", queued...); err != nil {
			c.t.Logf("cancelling jobs %v: %v", queued, err)
		}
		for deadline := time.Now().Add(15 * time.Second); len(c.queued()) > 0 && time.Now().Before(deadline); {
			time.Sleep(200 * time.Millisecond)
		}
	}
	// A job's slurmstepd outlives it by a moment, cleaning up; it keeps a
	// socket in the spool folder until it exits.
	for deadline := time.Now().Add(15 * time.Second); c.steps() > 0 && time.Now().Before(deadline); {
		time.Sleep(100 * time.Millisecond)
	}
	for i := len(c.daemons) - 1; i >= 0; i-- {
		d := c.daemons[i]
		d.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-d.done:
		case <-time.After(10 * time.Second):
			c.t.Logf("%s (pid %d) ignored SIGTERM for 10s: killed", d.name, d.cmd.Process.Pid)
			d.cmd.Process.Kill()
			<-d.done
		}
	}
	if c.t.Failed() {
		c.printLogs()
	}
}

// queued returns the ids of the jobs that are pending or running, an
// array's once; none if the controller does not answer.
func (c *slurmCluster) queued() []string {
	running := slices.ContainsFunc(c.daemons, func(d *daemon) bool {
		select {
		case <-d.done:
			return false
		default:
			return d.name == "slurmctld"
		}
	})
	if !running {
		return nil
	}
	out, err := c.output("squeue", "--noheader", "--format=%F")
	if err != nil {
		return nil
	}
	ids := strings.Fields(out)
	slices.Sort(ids)
	return slices.Compact(ids)
}

// steps counts the job steps whose slurmstepd is still there.
func (c *slurmCluster) steps() int {
	entries, _ := os.ReadDir(filepath.Join(c.dir, "spool"))
	n := 0
	for _, e := range entries {
		if e.Type()&fs.ModeSocket != 0 {
			n++
		}
	}
	return n
}

// printLogs prints the daemons' logs and the jobs' output files.
func (c *slurmCluster) printLogs() {
	files := []string{c.conf}
	for _, d := range c.daemons {
		files = append(files, d.log)
	}
	if c.jobLogs != "" {
		entries, _ := os.ReadDir(c.jobLogs)
		for _, e := range entries {
			if e.Type().IsRegular() {
				files = append(files, filepath.Join(c.jobLogs, e.Name()))
			}
		}
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			c.t.Logf("%s: %v", f, err)
			continue
		}
		c.t.Logf("==== %s\n%s", f, bytes.TrimRight(text, "\n"))
	}
}

// freePorts returns n TCP ports nothing listens on at the moment.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var listeners []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		require.NoError(t, err)
		listeners = append(listeners, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range listeners {
		l.Close()
	}
	return ports
}

// stderrOf is what a failed command wrote to its standard error, when
// exec captured it.
func stderrOf(err error) string {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return strings.TrimSpace(string(exit.Stderr))
	}
	return ""
}
