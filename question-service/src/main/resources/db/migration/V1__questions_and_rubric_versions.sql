-- Questions of the shared bank (team null) and of teams' own banks.
create table questions (
    id              varchar(80)  primary key,
    team            varchar(100),
    category        varchar(40)  not null,
    difficulty      varchar(10)  not null check (difficulty in ('JUNIOR', 'MID', 'SENIOR')),
    prompt          text         not null,
    status          varchar(10)  not null check (status in ('ACTIVE', 'RETIRED')),
    current_version integer      not null check (current_version >= 1),
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null
);
create index questions_visibility on questions (team, status, category, difficulty);

create table question_tags (
    question_id varchar(80) not null references questions (id) on delete cascade,
    position    integer     not null,
    tag         varchar(60) not null,
    primary key (question_id, position)
);
create index question_tags_tag on question_tags (tag);

-- One immutable row per rubric version: grades refer to (question_id, version) forever.
create table rubric_versions (
    question_id varchar(80)  not null references questions (id),
    version     integer      not null check (version >= 1),
    content     jsonb        not null,
    hash        varchar(64)  not null,
    created_at  timestamptz  not null,
    created_by  varchar(200) not null,
    primary key (question_id, version)
);

create function rubric_versions_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'rubric versions are immutable: add a new version instead';
end;
$$;
create trigger rubric_versions_no_update before update on rubric_versions
    for each row execute function rubric_versions_immutable();
