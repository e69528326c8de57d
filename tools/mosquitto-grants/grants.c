/*
 * mqtt2go_grants: topic grants of MQTT2GO devices for mosquitto 2.0 (plugin API version 5).
 *
 * Why: mosquitto's dynamic-security plugin rewrites its whole JSON file after every change (dynsec__config_save), so
 * with N devices registered each activation costs O(N) and N activations O(N^2). This plugin holds, per username
 * (the certificate CN, use_identity_as_username), a short list of literal topics with their access, in a hash table,
 * and persists each change as one appended line of a journal: a change costs the same with 10 or 10,000 devices.
 *
 * ACL checks: a username this plugin holds grants for gets exactly those (literal topics, no wildcards; a delivery is
 * allowed on a topic granted for receive or subscribe; unsubscribe is always allowed); any other username is deferred to the next plugin (dynsec: services, controllers). Load this plugin
 * before dynsec. If every plugin defers, mosquitto denies (src/security.c, mosquitto_acl_check).
 *
 * Control topic $CONTROL/mqtt2go-grants/v1, like dynsec's (the publisher must pass the ACL check for it, i.e. hold a
 * dynsec role allowing publishClientSend there); responses on $CONTROL/mqtt2go-grants/v1/response:
 *   {"commands":[{"command":"setGrants","client":"<username>","grants":[{"acltype":"subscribeLiteral","topic":"t"},...],
 *                 "correlationData":"..."},
 *                {"command":"deleteGrants","client":"<username>"}]}
 *                {"command":"getGrants","client":"<username>"}]}
 *   acltype: subscribeLiteral | publishClientSend | publishClientReceive. setGrants replaces the client's grants (live:
 *   nobody is disconnected); deleteGrants removes them and disconnects the client; getGrants answers
 *   {"data":{"client":..,"grants":[..] or null}}.
 *
 * Options: plugin_opt_grants_file <path> (required; created 0600), plugin_opt_fsync true|false (default true: each change
 * is on disk before it is answered).
 *
 * The journal holds one JSON line per client. setGrants appends the new line, then overwrites the client's previous
 * line with spaces; deleteGrants overwrites its line: a superseded grant (and an activation code in its topic) does
 * not stay in the file, and each change writes O(its own size). At start the journal is replayed (blank lines skipped;
 * a torn line, e.g. after a power cut, skipped and logged; of two lines of one client, left by a crash between the
 * append and the blanking, the later wins) and compacted to one line per client; it is compacted again whenever the
 * file grows past twice the live lines plus 1 MiB.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>
#include <uthash.h>

#include "mosquitto.h"
#include "mosquitto_broker.h"
#include "mosquitto_plugin.h"

#define COMMAND_TOPIC "$CONTROL/mqtt2go-grants/v1"
#define RESPONSE_TOPIC "$CONTROL/mqtt2go-grants/v1/response"
#define MAX_COMMAND_BYTES (256 * 1024)
#define MAX_GRANTS 64
#define MAX_USERNAME 1024
#define MAX_TOPIC 65535
#define COMPACT_SLACK (1024 * 1024)

#define ACCESS_SUBSCRIBE 1
#define ACCESS_SEND 2
#define ACCESS_RECEIVE 4

struct grant {
	char *topic;
	int access;
};

struct client_grants {
	char *username;
	struct grant *grants;
	int count;
	off_t offset; /* its line in the journal */
	size_t length; /* without the newline */
	UT_hash_handle hh;
};

static mosquitto_plugin_id_t *plugin_id = NULL;
static struct client_grants *table = NULL;
static char *journal_path = NULL;
static int journal_fd = -1;
static bool use_fsync = true;
static off_t journal_size = 0;
static off_t live_bytes = 0;

static void free_entry(struct client_grants *entry)
{
	int i;
	if(entry == NULL) return;
	for(i = 0; i < entry->count; i++){
		free(entry->grants[i].topic);
	}
	free(entry->grants);
	free(entry->username);
	free(entry);
}

static int access_of(const char *acltype)
{
	if(!strcmp(acltype, "subscribeLiteral")) return ACCESS_SUBSCRIBE;
	if(!strcmp(acltype, "publishClientSend")) return ACCESS_SEND;
	if(!strcmp(acltype, "publishClientReceive")) return ACCESS_RECEIVE;
	return 0;
}

static const char *acltype_of(int access)
{
	switch(access){
		case ACCESS_SUBSCRIBE: return "subscribeLiteral";
		case ACCESS_SEND: return "publishClientSend";
		default: return "publishClientReceive";
	}
}

/* A literal topic: 1..MAX_TOPIC bytes, no wildcard, no NUL (cJSON strings end at NUL), not a $ topic. */
static bool valid_topic(const char *topic)
{
	size_t len = strlen(topic);
	return len > 0 && len <= MAX_TOPIC && topic[0] != '$' && strpbrk(topic, "+#") == NULL;
}

static bool valid_username(const char *username)
{
	size_t len = strlen(username);
	size_t i;
	if(len == 0 || len > MAX_USERNAME) return false;
	for(i = 0; i < len; i++){
		if((unsigned char)username[i] < 0x20 || username[i] == 0x7f) return false;
	}
	return true;
}

/* Builds the entry of a setGrants command; NULL with *error set when the command is invalid. */
static struct client_grants *entry_from_command(const cJSON *command, const char **error)
{
	const cJSON *client = cJSON_GetObjectItemCaseSensitive(command, "client");
	const cJSON *grants = cJSON_GetObjectItemCaseSensitive(command, "grants");
	const cJSON *item;
	struct client_grants *entry;
	int count, i = 0;

	if(!cJSON_IsString(client) || !valid_username(client->valuestring)){
		*error = "Invalid client";
		return NULL;
	}
	if(!cJSON_IsArray(grants) || (count = cJSON_GetArraySize(grants)) > MAX_GRANTS){
		*error = "Invalid grants";
		return NULL;
	}
	entry = calloc(1, sizeof(*entry));
	if(entry == NULL || (entry->username = strdup(client->valuestring)) == NULL
			|| (count > 0 && (entry->grants = calloc((size_t)count, sizeof(struct grant))) == NULL)){
		free_entry(entry);
		*error = "Out of memory";
		return NULL;
	}
	cJSON_ArrayForEach(item, grants){
		const cJSON *acltype = cJSON_GetObjectItemCaseSensitive(item, "acltype");
		const cJSON *topic = cJSON_GetObjectItemCaseSensitive(item, "topic");
		int access;
		if(!cJSON_IsObject(item) || !cJSON_IsString(acltype) || !cJSON_IsString(topic)
				|| (access = access_of(acltype->valuestring)) == 0 || !valid_topic(topic->valuestring)){
			free_entry(entry);
			*error = "Invalid grant";
			return NULL;
		}
		if((entry->grants[i].topic = strdup(topic->valuestring)) == NULL){
			free_entry(entry);
			*error = "Out of memory";
			return NULL;
		}
		entry->grants[i].access = access;
		entry->count = ++i;
	}
	return entry;
}

/* The journal line of an entry (deleted = NULL grants). */
static char *journal_line(const char *username, const struct client_grants *entry)
{
	cJSON *line = cJSON_CreateObject();
	cJSON *grants;
	char *text;
	int i;

	if(line == NULL) return NULL;
	cJSON_AddStringToObject(line, "client", username);
	if(entry == NULL){
		cJSON_AddNullToObject(line, "grants");
	}else{
		grants = cJSON_AddArrayToObject(line, "grants");
		for(i = 0; grants != NULL && i < entry->count; i++){
			cJSON *grant = cJSON_CreateObject();
			cJSON_AddStringToObject(grant, "acltype", acltype_of(entry->grants[i].access));
			cJSON_AddStringToObject(grant, "topic", entry->grants[i].topic);
			cJSON_AddItemToArray(grants, grant);
		}
	}
	text = cJSON_PrintUnformatted(line);
	cJSON_Delete(line);
	return text;
}

/* pwrite of all bytes at offset (the journal is not opened O_APPEND: Linux's pwrite ignores the offset then). */
static bool write_at(const char *data, size_t len, off_t offset)
{
	while(len > 0){
		ssize_t n = pwrite(journal_fd, data, len, offset);
		if(n < 0){
			if(errno == EINTR) continue;
			return false;
		}
		data += n;
		len -= (size_t)n;
		offset += n;
	}
	return true;
}

/* Overwrites a superseded line with spaces (a blank line on replay): a deleted grant, and the activation code in its
 * topic, does not stay in the file. */
static bool scrub(const struct client_grants *old)
{
	char spaces[512];
	off_t offset = old->offset;
	size_t left = old->length;
	memset(spaces, ' ', sizeof(spaces));
	while(left > 0){
		size_t n = left < sizeof(spaces) ? left : sizeof(spaces);
		if(!write_at(spaces, n, offset)) return false;
		offset += (off_t)n;
		left -= n;
	}
	return true;
}

static bool sync_journal(void)
{
	return !use_fsync || fdatasync(journal_fd) == 0;
}

static void replace_entry(const char *username, struct client_grants *entry)
{
	struct client_grants *old = NULL;
	HASH_FIND_STR(table, username, old);
	if(old != NULL){
		live_bytes -= old->length + 1;
		HASH_DEL(table, old);
		free_entry(old);
	}
	if(entry != NULL){
		live_bytes += entry->length + 1;
		HASH_ADD_KEYPTR(hh, table, entry->username, strlen(entry->username), entry);
	}
}

static int compact_and_open(void);

/* Applies one command object; returns NULL on success or the error text. persist: write the journal first.
 * replay_offset/replay_length: where the line being replayed is (persist false). */
static const char *apply(const cJSON *command, const char *name, bool persist, off_t replay_offset, size_t replay_length)
{
	const char *error = NULL;
	struct client_grants *old = NULL;

	if(!strcmp(name, "setGrants")){
		struct client_grants *entry = entry_from_command(command, &error);
		if(entry == NULL) return error;
		if(persist){
			char *line = journal_line(entry->username, entry);
			size_t len = line != NULL ? strlen(line) : 0;
			bool ok = line != NULL;
			if(ok){
				ok = write_at(line, len, journal_size) && write_at("\n", 1, journal_size + (off_t)len);
			}
			free(line);
			HASH_FIND_STR(table, entry->username, old);
			/* Appended first, then the old line blanked: a crash between them leaves both, and replay keeps the later. */
			if(!ok || (old != NULL && !scrub(old)) || !sync_journal()){
				free_entry(entry);
				return "Journal not written";
			}
			entry->offset = journal_size;
			entry->length = len;
			journal_size += (off_t)len + 1;
		}else{
			entry->offset = replay_offset;
			entry->length = replay_length;
		}
		replace_entry(entry->username, entry);
	}else if(!strcmp(name, "deleteGrants")){
		const cJSON *client = cJSON_GetObjectItemCaseSensitive(command, "client");
		char *username;
		if(!cJSON_IsString(client) || !valid_username(client->valuestring)) return "Invalid client";
		HASH_FIND_STR(table, client->valuestring, old);
		if(old == NULL) return NULL;
		/* Its one live line blanked: nothing of it is left to replay. */
		if(!scrub(old) || !sync_journal()) return "Journal not written";
		username = strdup(client->valuestring);
		if(username == NULL) return "Out of memory";
		replace_entry(username, NULL);
		mosquitto_kick_client_by_username(username, false);
		free(username);
	}else{
		return "Unknown command";
	}
	/* Amortised: rewritten once the blanked lines outweigh the live ones, so the file stays O(live grants). */
	if(persist && journal_size > 2 * live_bytes + COMPACT_SLACK){
		close(journal_fd);
		journal_fd = -1;
		if(compact_and_open() != MOSQ_ERR_SUCCESS){
			mosquitto_log_printf(MOSQ_LOG_ERR, "mqtt2go_grants: journal compaction failed; grant changes are refused until a restart");
		}
	}
	return NULL;
}

/* Replays the journal (one JSON object per line; blank lines are superseded ones; a line that does not parse, e.g.
 * torn by a power cut, is skipped and logged). A later line of a client replaces an earlier one. */
static void load_journal(void)
{
	FILE *file = fopen(journal_path, "r");
	char *buffer = NULL;
	size_t capacity = 0;
	ssize_t len;
	off_t offset = 0;
	long number = 0, skipped = 0;

	if(file == NULL) return;
	while((len = getline(&buffer, &capacity, file)) >= 0){
		cJSON *line;
		off_t line_offset = offset;
		size_t i, content = (size_t)len;
		offset += len;
		number++;
		if(content > 0 && buffer[content - 1] == '\n') content--;
		for(i = 0; i < content && buffer[i] == ' '; i++){
		}
		if(i == content) continue;
		line = cJSON_ParseWithLength(buffer, content);
		if(line == NULL || apply(line, "setGrants", false, line_offset, content) != NULL){
			skipped++;
			mosquitto_log_printf(MOSQ_LOG_WARNING, "mqtt2go_grants: %s line %ld skipped (not a complete grant record)", journal_path, number);
		}
		cJSON_Delete(line);
	}
	free(buffer);
	fclose(file);
	mosquitto_log_printf(MOSQ_LOG_INFO, "mqtt2go_grants: %u client(s) loaded from %ld line(s), %ld skipped",
			HASH_COUNT(table), number, skipped);
}

/* Rewrites the journal with one line per client (temp file, sync, rename) and opens it for writing. */
static int compact_and_open(void)
{
	size_t tmp_len = strlen(journal_path) + 5;
	char *tmp = malloc(tmp_len);
	struct client_grants *entry, *next;
	off_t size = 0;
	FILE *out;
	bool ok = true;
	int fd;

	if(tmp == NULL) return MOSQ_ERR_NOMEM;
	snprintf(tmp, tmp_len, "%s.new", journal_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	out = fd >= 0 ? fdopen(fd, "w") : NULL;
	if(out == NULL){
		mosquitto_log_printf(MOSQ_LOG_ERR, "mqtt2go_grants: cannot write %s: %s", tmp, strerror(errno));
		if(fd >= 0) close(fd);
		free(tmp);
		return MOSQ_ERR_UNKNOWN;
	}
	HASH_ITER(hh, table, entry, next){
		char *text = journal_line(entry->username, entry);
		size_t len = text != NULL ? strlen(text) : 0;
		ok = ok && text != NULL && fwrite(text, 1, len, out) == len && fputc('\n', out) != EOF;
		free(text);
		entry->offset = size;
		entry->length = len;
		size += (off_t)len + 1;
	}
	ok = fflush(out) == 0 && ok && fsync(fd) == 0;
	ok = fclose(out) == 0 && ok;
	if(!ok || rename(tmp, journal_path) != 0){
		mosquitto_log_printf(MOSQ_LOG_ERR, "mqtt2go_grants: cannot compact %s: %s", journal_path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return MOSQ_ERR_UNKNOWN;
	}
	free(tmp);
	chmod(journal_path, 0600);
	journal_fd = open(journal_path, O_WRONLY | O_CLOEXEC);
	if(journal_fd < 0){
		mosquitto_log_printf(MOSQ_LOG_ERR, "mqtt2go_grants: cannot open %s: %s", journal_path, strerror(errno));
		return MOSQ_ERR_UNKNOWN;
	}
	journal_size = size;
	live_bytes = size;
	return MOSQ_ERR_SUCCESS;
}

static int acl_check_callback(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_acl_check *ed = event_data;
	const char *username = mosquitto_client_username(ed->client);
	struct client_grants *entry = NULL;
	int need, i;
	(void)event;
	(void)userdata;

	if(username == NULL) return MOSQ_ERR_PLUGIN_DEFER;
	HASH_FIND_STR(table, username, entry);
	if(entry == NULL) return MOSQ_ERR_PLUGIN_DEFER;
	switch(ed->access){
		case MOSQ_ACL_SUBSCRIBE: need = ACCESS_SUBSCRIBE; break;
		case MOSQ_ACL_WRITE: need = ACCESS_SEND; break;
		/* Delivery to a subscriber: a literal subscription it was granted covers it (dynsec allows every delivery by
		 * default; here a topic taken away also stops what its old subscription still gets). */
		case MOSQ_ACL_READ: need = ACCESS_RECEIVE | ACCESS_SUBSCRIBE; break;
		case MOSQ_ACL_UNSUBSCRIBE: return MOSQ_ERR_SUCCESS;
		default: return MOSQ_ERR_ACL_DENIED;
	}
	for(i = 0; i < entry->count; i++){
		if((entry->grants[i].access & need) && !strcmp(entry->grants[i].topic, ed->topic)){
			return MOSQ_ERR_SUCCESS;
		}
	}
	return MOSQ_ERR_ACL_DENIED;
}

static void reply(cJSON *responses, const char *name, const char *error, const cJSON *correlation, cJSON *data)
{
	cJSON *response = cJSON_CreateObject();
	if(response == NULL){
		cJSON_Delete(data);
		return;
	}
	cJSON_AddStringToObject(response, "command", name);
	if(error != NULL) cJSON_AddStringToObject(response, "error", error);
	if(data != NULL) cJSON_AddItemToObject(response, "data", data);
	if(cJSON_IsString(correlation)) cJSON_AddStringToObject(response, "correlationData", correlation->valuestring);
	cJSON_AddItemToArray(responses, response);
}

/* getGrants: {"data":{"client":"u","grants":[...]}} or {"data":{"client":"u","grants":null}}. */
static cJSON *get_grants(const cJSON *command, const char **error)
{
	const cJSON *client = cJSON_GetObjectItemCaseSensitive(command, "client");
	struct client_grants *entry = NULL;
	char *text;
	cJSON *data;

	if(!cJSON_IsString(client) || !valid_username(client->valuestring)){
		*error = "Invalid client";
		return NULL;
	}
	HASH_FIND_STR(table, client->valuestring, entry);
	text = journal_line(client->valuestring, entry);
	data = text != NULL ? cJSON_Parse(text) : NULL;
	free(text);
	if(data == NULL) *error = "Out of memory";
	return data;
}

static int control_callback(int event, void *event_data, void *userdata)
{
	struct mosquitto_evt_control *ed = event_data;
	cJSON *tree, *root, *responses;
	const cJSON *commands, *command;
	char *text;
	(void)event;
	(void)userdata;

	root = cJSON_CreateObject();
	responses = cJSON_AddArrayToObject(root, "responses");
	if(root == NULL || responses == NULL){
		cJSON_Delete(root);
		return MOSQ_ERR_NOMEM;
	}
	tree = (ed->payloadlen > 0 && ed->payloadlen <= MAX_COMMAND_BYTES)
		? cJSON_ParseWithLength(ed->payload, ed->payloadlen) : NULL;
	commands = cJSON_GetObjectItemCaseSensitive(tree, "commands");
	if(!cJSON_IsArray(commands)){
		reply(responses, "Unknown command", ed->payloadlen > MAX_COMMAND_BYTES ? "Payload too large" : "Invalid/missing commands", NULL, NULL);
	}else{
		cJSON_ArrayForEach(command, commands){
			const cJSON *name = cJSON_GetObjectItemCaseSensitive(command, "command");
			const cJSON *correlation = cJSON_GetObjectItemCaseSensitive(command, "correlationData");
			if(!cJSON_IsObject(command) || !cJSON_IsString(name)){
				reply(responses, "Unknown command", "Missing command", correlation, NULL);
				continue;
			}
			if(!strcmp(name->valuestring, "getGrants")){
				const char *error = NULL;
				cJSON *data = get_grants(command, &error);
				reply(responses, name->valuestring, error, correlation, data);
				continue;
			}
			reply(responses, name->valuestring, apply(command, name->valuestring, true, 0, 0), correlation, NULL);
		}
	}
	cJSON_Delete(tree);
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	if(text != NULL){
		mosquitto_broker_publish_copy(NULL, RESPONSE_TOPIC, (int)strlen(text), text, 0, false, NULL);
		free(text);
	}
	return MOSQ_ERR_SUCCESS;
}

int mosquitto_plugin_version(int supported_version_count, const int *supported_versions)
{
	int i;
	for(i = 0; i < supported_version_count; i++){
		if(supported_versions[i] == 5) return 5;
	}
	return -1;
}

int mosquitto_plugin_init(mosquitto_plugin_id_t *identifier, void **user_data, struct mosquitto_opt *options, int option_count)
{
	int i, rc;
	(void)user_data;

	for(i = 0; i < option_count; i++){
		if(!strcasecmp(options[i].key, "grants_file")){
			free(journal_path);
			journal_path = strdup(options[i].value);
			if(journal_path == NULL) return MOSQ_ERR_NOMEM;
		}else if(!strcasecmp(options[i].key, "fsync")){
			use_fsync = strcasecmp(options[i].value, "false") != 0;
		}
	}
	if(journal_path == NULL){
		mosquitto_log_printf(MOSQ_LOG_ERR, "mqtt2go_grants: plugin_opt_grants_file is required");
		return MOSQ_ERR_INVAL;
	}
	load_journal();
	rc = compact_and_open();
	if(rc != MOSQ_ERR_SUCCESS) return rc;
	plugin_id = identifier;
	mosquitto_callback_register(plugin_id, MOSQ_EVT_CONTROL, control_callback, COMMAND_TOPIC, NULL);
	mosquitto_callback_register(plugin_id, MOSQ_EVT_ACL_CHECK, acl_check_callback, NULL, NULL);
	return MOSQ_ERR_SUCCESS;
}

int mosquitto_plugin_cleanup(void *user_data, struct mosquitto_opt *options, int option_count)
{
	struct client_grants *entry, *next;
	(void)user_data;
	(void)options;
	(void)option_count;

	if(plugin_id != NULL){
		mosquitto_callback_unregister(plugin_id, MOSQ_EVT_CONTROL, control_callback, COMMAND_TOPIC);
		mosquitto_callback_unregister(plugin_id, MOSQ_EVT_ACL_CHECK, acl_check_callback, NULL);
	}
	HASH_ITER(hh, table, entry, next){
		HASH_DEL(table, entry);
		free_entry(entry);
	}
	if(journal_fd >= 0) close(journal_fd);
	journal_fd = -1;
	free(journal_path);
	journal_path = NULL;
	return MOSQ_ERR_SUCCESS;
}
