//! Places where services are offered: locations with counters, mobile-office sites and
//! virtual (video) offices, in one table with one key space per tenant (an appointment names
//! its place by key). Their hours, counters, offered services and sessions live in the
//! sibling modules and hang off the place's id.

use super::conflict;
use crate::entity::place;
use crate::{StoreError, TenantId, now};
use rathaus_domain::Slug;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, Set};

pub use place::Model as Place;

/// What kind of place a row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PlaceType {
    /// A building with counters (Bürgerbüro, Zulassungsstelle).
    Location,
    /// A stop of the mobile citizen office, open on dated sessions.
    MobileSite,
    /// Video consultations.
    VirtualOffice,
}

impl PlaceType {
    pub const ALL: [PlaceType; 3] = [PlaceType::Location, PlaceType::MobileSite, PlaceType::VirtualOffice];

    pub fn code(self) -> &'static str {
        match self {
            PlaceType::Location => "location",
            PlaceType::MobileSite => "mobile_site",
            PlaceType::VirtualOffice => "virtual_office",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// A postal address (locations and mobile sites).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Address {
    pub street: String,
    pub postal_code: String,
    pub city: String,
}

impl Place {
    pub fn place_type(&self) -> Result<PlaceType, StoreError> {
        PlaceType::parse(&self.place_type).ok_or_else(|| super::corrupt("place type", &self.place_type))
    }

    pub fn address(&self) -> Option<Address> {
        match (&self.street, &self.postal_code, &self.city) {
            (Some(street), Some(postal_code), Some(city)) => {
                Some(Address { street: street.clone(), postal_code: postal_code.clone(), city: city.clone() })
            }
            _ => None,
        }
    }

    /// `(latitude, longitude)` in WGS 84 degrees.
    pub fn coordinates(&self) -> Option<(f64, f64)> {
        self.latitude.zip(self.longitude)
    }

    /// The `details` JSON document.
    pub fn details_json(&self) -> Result<serde_json::Value, StoreError> {
        serde_json::from_str(&self.details).map_err(|_| super::corrupt("place details of", &self.key))
    }
}

/// Everything that describes a place. Address, coordinates and `step_free` are `None` for
/// virtual offices; `kind` (`citizen_office`, …) is for locations.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaceFields {
    pub key: Slug,
    pub place_type: PlaceType,
    pub kind: Option<String>,
    pub name_de: String,
    pub name_en: String,
    pub address: Option<Address>,
    /// `(latitude, longitude)`.
    pub coordinates: Option<(f64, f64)>,
    pub step_free: Option<bool>,
    /// Serves citizens without appointment (queue tickets).
    pub walk_in: bool,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Texts nothing queries inside; `rathaus-catalog-store` defines the shape.
    pub details: serde_json::Value,
}

impl PlaceFields {
    fn apply(&self, m: &mut place::ActiveModel) {
        m.key = Set(self.key.as_str().to_owned());
        m.place_type = Set(self.place_type.code().to_owned());
        m.kind = Set(self.kind.clone());
        m.name_de = Set(self.name_de.clone());
        m.name_en = Set(self.name_en.clone());
        m.street = Set(self.address.as_ref().map(|a| a.street.clone()));
        m.postal_code = Set(self.address.as_ref().map(|a| a.postal_code.clone()));
        m.city = Set(self.address.as_ref().map(|a| a.city.clone()));
        m.latitude = Set(self.coordinates.map(|c| c.0));
        m.longitude = Set(self.coordinates.map(|c| c.1));
        m.step_free = Set(self.step_free);
        m.walk_in = Set(self.walk_in);
        m.phone = Set(self.phone.clone());
        m.email = Set(self.email.clone());
        m.details = Set(self.details.to_string());
    }
}

/// The places of one type, by key.
pub async fn list(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    place_type: PlaceType,
) -> Result<Vec<Place>, StoreError> {
    Ok(place::Entity::find()
        .filter(place::Column::TenantId.eq(tenant.0))
        .filter(place::Column::PlaceType.eq(place_type.code()))
        .order_by_asc(place::Column::Key)
        .all(db)
        .await?)
}

/// All places of every type, by key.
pub async fn list_all(db: &impl ConnectionTrait, tenant: TenantId) -> Result<Vec<Place>, StoreError> {
    Ok(place::Entity::find()
        .filter(place::Column::TenantId.eq(tenant.0))
        .order_by_asc(place::Column::Key)
        .all(db)
        .await?)
}

pub async fn get(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<Option<Place>, StoreError> {
    Ok(place::Entity::find_by_id(id).filter(place::Column::TenantId.eq(tenant.0)).one(db).await?)
}

/// The place with `key`, whatever its type (they share one key space).
pub async fn get_by_key(db: &impl ConnectionTrait, tenant: TenantId, key: &str) -> Result<Option<Place>, StoreError> {
    Ok(place::Entity::find()
        .filter(place::Column::TenantId.eq(tenant.0))
        .filter(place::Column::Key.eq(key))
        .one(db)
        .await?)
}

/// The tenant's place `id`, of `place_type` when given; else `NotFound`.
pub(crate) async fn require(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    place_type: Option<PlaceType>,
) -> Result<Place, StoreError> {
    let place = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    match place_type {
        Some(t) if place.place_type()? != t => Err(StoreError::NotFound),
        _ => Ok(place),
    }
}

/// Fails with `place-key-taken` (also when another type of place has the key).
pub async fn create(db: &impl ConnectionTrait, tenant: TenantId, fields: &PlaceFields) -> Result<Place, StoreError> {
    let t = now();
    let mut m =
        place::ActiveModel { tenant_id: Set(tenant.0), created_at: Set(t), updated_at: Set(t), ..Default::default() };
    fields.apply(&mut m);
    m.insert(db).await.map_err(|e| conflict(e, &[], "place-key-taken"))
}

/// Replaces all fields. A place keeps its type (`place-type-fixed`): its sessions or hours
/// would not fit another one.
pub async fn update(
    db: &impl ConnectionTrait,
    tenant: TenantId,
    id: i64,
    fields: &PlaceFields,
) -> Result<Place, StoreError> {
    let existing = get(db, tenant, id).await?.ok_or(StoreError::NotFound)?;
    if existing.place_type()? != fields.place_type {
        return Err(StoreError::Conflict("place-type-fixed"));
    }
    let mut m: place::ActiveModel = existing.into();
    fields.apply(&mut m);
    m.updated_at = Set(now());
    m.update(db).await.map_err(|e| conflict(e, &[], "place-key-taken"))
}

/// Deletes a place with its hours, exceptions, counters, offerings and sessions.
pub async fn delete(db: &impl ConnectionTrait, tenant: TenantId, id: i64) -> Result<(), StoreError> {
    let result = place::Entity::delete_many()
        .filter(place::Column::TenantId.eq(tenant.0))
        .filter(place::Column::Id.eq(id))
        .exec(db)
        .await?;
    if result.rows_affected == 0 { Err(StoreError::NotFound) } else { Ok(()) }
}
