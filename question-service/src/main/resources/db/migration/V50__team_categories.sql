-- Categories a team defines for its own bank, next to the shared ones of the deployment's configuration.
create table team_categories (
    team        varchar(100) not null,
    category    varchar(40)  not null,
    created_at  timestamptz  not null,
    created_by  varchar(200) not null,
    primary key (team, category)
);

