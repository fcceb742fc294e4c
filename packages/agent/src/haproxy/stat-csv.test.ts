import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShowStat } from './stat-csv.js';

// Captured from HAProxy 2.6.12 (`show stat`, one frontend, one backend with a weight-3 and a disabled server).
const header =
  '# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out,';
const sample = [
  header,
  'fe,FRONTEND,,,0,0,9980,12,340,560,0,0,1,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,0,,,,0,0,0,0,0,0,,0,0,0,,,0,0,0,0,,,,,,,,,,,,,,,,,,,,,http,,0,0,0,0,0,0,0,,,0,0,,,,,,,0,,,,,,,,,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,',
  'be,s1,0,0,0,0,,0,0,0,,0,,0,0,0,0,no check,3,1,0,,,0,,,1,3,1,,0,,2,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,,,,,,,,,,,,127.0.0.1:18100,,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,0,3,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,',
  'be,s2,0,0,0,0,,0,0,0,,0,,0,0,0,0,MAINT,1,1,0,,,0,,,1,3,2,,0,,2,0,,0,L4OK,,,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,,,,,,,,,,,,127.0.0.1:18101,,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,0,1,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,',
  'be,BACKEND,0,0,0,0,998,0,0,0,0,0,,0,0,0,0,UP,3,1,0,,0,0,0,,1,3,0,,0,,1,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,0,0,0,0,-1,,,0,0,0,0,,,,,,,,,,,,,,http,roundrobin,,,,,,,0,0,0,0,0,,,0,0,0,0,0,,,,,3,0,0,0,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,',
  '',
  '',
].join('\n');

test('show stat CSV becomes typed rows, columns found by name', () => {
  const rows = parseShowStat(sample);
  assert.deepEqual(
    rows.map((r) => [r.pxname, r.svname, r.type, r.status, r.weight]),
    [
      ['fe', 'FRONTEND', 'frontend', 'OPEN', 0],
      ['be', 's1', 'server', 'no check', 3],
      ['be', 's2', 'server', 'MAINT', 1],
      ['be', 'BACKEND', 'backend', 'UP', 3],
    ],
  );
  const [fe, s1, s2] = rows;
  assert.deepEqual(
    { scur: fe?.scur, slim: fe?.slim, stot: fe?.stot, bin: fe?.bin, bout: fe?.bout, ereq: fe?.ereq },
    { scur: 0, slim: 9980, stot: 12, bin: 340, bout: 560, ereq: 1 },
  );
  assert.equal(s1?.slim, null);
  assert.equal(s2?.checkStatus, 'L4OK');
});

test('an answer that is not show stat CSV is an error', () => {
  assert.throws(() => parseShowStat('Permission denied\n'), /unexpected answer/);
});
